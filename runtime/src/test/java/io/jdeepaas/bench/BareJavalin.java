package io.jdeepaas.bench;

import io.javalin.Javalin;
import java.nio.charset.StandardCharsets;

/**
 * The baseline of {@code bench/run.sh}'s {@code demo_vs_bare}: a bare Javalin server (the runtime's
 * Javalin version, default configuration) whose one handler reads a POSTed body and answers a fixed
 * JSON body of a given size, so it does what any predict route must do (read the request, write a
 * JSON answer) and nothing else. Prints {@code listening on PORT} once it listens; {@code GET /ready}
 * answers 200.
 *
 * <p>Arguments: {@code port bodyBytes} (port 0: any free one); serves {@code POST /predict}.
 */
public final class BareJavalin {

    private BareJavalin() {
    }

    /**
     * @param args the port to listen on and the answer's size in bytes
     */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        byte[] answer = answer(Integer.parseInt(args[1]));
        Javalin app = Javalin.create(c -> c.showJavalinBanner = false)
                .get("/ready", ctx -> ctx.result("ready"))
                .post("/predict", ctx -> {
                    ctx.bodyAsBytes();
                    ctx.contentType("application/json").result(answer);
                })
                .start("127.0.0.1", port);
        System.out.println("listening on " + app.port());
    }

    /** A JSON object of exactly {@code size} bytes (at least 30), shaped like a predict answer. */
    static byte[] answer(int size) {
        String head = "{\"status\":\"OK\",\"predictions\":{\"text\":\"";
        String tail = "\"}}";
        int pad = Math.max(0, size - head.length() - tail.length());
        return (head + "x".repeat(pad) + tail).getBytes(StandardCharsets.UTF_8);
    }
}
