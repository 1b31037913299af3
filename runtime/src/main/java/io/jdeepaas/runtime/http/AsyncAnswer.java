package io.jdeepaas.runtime.http;

import io.javalin.http.Context;
import io.jdeepaas.runtime.errors.Failures;
import io.jdeepaas.runtime.inference.PendingPrediction;
import java.util.function.Consumer;

/**
 * Answers a request when its queued work ends, without holding the request's thread meanwhile:
 * predict and infer share it. The client's connection is watched while the work runs (a client
 * that goes away cancels it); the work's failure, or a failure while writing the answer, goes to
 * the one {@link ErrorMapper}.
 */
final class AsyncAnswer {

    private AsyncAnswer() {
    }

    /**
     * @param ctx the request, whose body has been read
     * @param pending the queued work
     * @param disconnects the watch of client connections
     * @param write writes the answer from the work's value, on the thread that ended the work
     */
    static <T> void when(Context ctx, PendingPrediction<T> pending, DisconnectWatch disconnects, Consumer<T> write) {
        DisconnectWatch.Watch watch = disconnects.watch(ctx, pending.result(), pending::cancel);
        java.util.function.Supplier<java.util.concurrent.CompletableFuture<?>> answer = () -> pending.result().handle(
                (result, error) -> {
            watch.stop();
            try { // never fail this future: Javalin 6.7 would then leave the response unfinished
                if (error != null) {
                    ErrorMapper.answer(Failures.translate(error), ctx);
                } else {
                    write.accept(result);
                }
            } catch (RuntimeException e) {
                ErrorMapper.answer(e, ctx);
            }
            return null;
        });
        if (pending.result().isDone()) {
            answer.get(); // answered on this thread (a cheap model ran here): no async hand-off
        } else {
            ctx.future(answer);
        }
    }
}
