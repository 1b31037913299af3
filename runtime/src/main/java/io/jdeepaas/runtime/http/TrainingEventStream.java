package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.jdeepaas.runtime.json.Json;
import io.jdeepaas.runtime.training.TrainingFeed;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes a training's events as {@code text/event-stream} (Server-Sent Events): {@code event:},
 * {@code id:} and one {@code data:} line of JSON per event, a {@code : keep-alive} comment every 15 s
 * while nothing happens, and the end of the response after the final {@code status} event. A client
 * that reconnects with {@code Last-Event-ID} resumes after that event.
 *
 * <p>Threading: the request's thread writes until the training ends or the client goes away.
 */
final class TrainingEventStream {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    private TrainingEventStream() {
    }

    static void write(Context ctx, TrainingFeed feed) throws InterruptedException {
        ctx.status(200);
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        String lastId = ctx.header("Last-Event-ID");
        try {
            OutputStream out = ctx.res().getOutputStream();
            out.write(": stream of training events\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            feed.follow(TrainingFeed.Cursor.parse(lastId), new TrainingFeed.Sink() {
                @Override
                public void event(String name, String id, Object data) throws IOException {
                    String text = "event: " + name + "\nid: " + id + "\ndata: " + JSON.writeValueAsString(data) + "\n\n";
                    out.write(text.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }

                @Override
                public void keepAlive() throws IOException {
                    out.write(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }, KEEP_ALIVE);
        } catch (IOException e) {
            // the client went away; nothing to answer
        }
    }
}
