package io.jdeepaas.runtime.http;

import io.javalin.http.Context;
import io.jdeepaas.runtime.training.EventCursor;
import io.jdeepaas.runtime.training.TrainingFeed;
import jakarta.servlet.AsyncContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers {@code GET .../train/{uuid}/events} with a training's events as {@code text/event-stream}
 * (Server-Sent Events): first a {@code retry:} field (how long a browser's {@code EventSource} waits
 * before it reconnects), then per event an {@code id:}, an {@code event:} name and one {@code data:}
 * line of JSON, a {@code : keep-alive} comment every interval, and the end of the response after the
 * training's final status.
 *
 * <p>A reconnecting client sends {@code Last-Event-ID} and is sent only what it has not seen; when it
 * has seen everything of an ended training the answer is 204, which tells {@code EventSource} to stop
 * reconnecting. A {@code Last-Event-ID} this stream never gave is 400; a stream beyond the caps is 429.
 *
 * <p>Threading: the request's thread checks and starts the stream, then returns to the pool; events
 * are written by the feed's thread, without blocking (see {@link EventStreamConnection}).
 */
final class TrainingEventStream {

    static final long RETRY_MILLIS = 5000;
    private static final byte[] PREAMBLE = (": stream of training events\nretry: " + RETRY_MILLIS + "\n\n")
            .getBytes(StandardCharsets.UTF_8);

    private TrainingEventStream() {
    }

    /**
     * @param ctx the request, whose training has been found
     * @param uuid the training
     * @param feed the training events
     * @param streams the open streams and their caps
     */
    static void open(Context ctx, String uuid, TrainingFeed feed, EventStreams streams) {
        EventCursor from = EventCursor.parse(ctx.header("Last-Event-ID"));
        if (from != EventCursor.START && feed.isComplete(uuid, from)) {
            ctx.status(204);
            return;
        }
        streams.reserve(uuid);
        ctx.status(200);
        ctx.res().setContentType("text/event-stream; charset=utf-8");
        ctx.res().setHeader("Cache-Control", "no-cache");
        ctx.res().setHeader("X-Accel-Buffering", "no");
        ctx.future(() -> {
            EventStreamConnection stream;
            try {
                stream = new EventStreamConnection(ctx.res().getOutputStream(), streams::frame);
            } catch (IOException e) {
                streams.release(uuid);
                throw new UncheckedIOException(e);
            }
            AsyncContext async = ctx.req().getAsyncContext();
            async.addListener(stream);
            stream.whenClosed(() -> streams.release(uuid));
            stream.start();
            stream.send(PREAMBLE);
            streams.add(stream);
            stream.whenClosed(() -> streams.remove(stream));
            stream.whenClosed(feed.follow(uuid, from, stream));
            return stream.done();
        });
    }
}
