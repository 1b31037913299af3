package io.jdeepaas.runtime.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Notices clients that close their connection while their request waits for its answer.
 *
 * <p>Jetty does not read from a connection while its request is being handled, so it learns of a
 * closed connection only when it writes the answer. This watch reads instead: every interval it
 * tries a non-blocking read on the connections it watches; end-of-stream (or an error) means the
 * client has gone, and its callback cancels the work. Only requests whose body has been read to its
 * end are watched, so the only bytes that can arrive are a pipelined next request: if some do, the
 * watch stops and the answer closes the connection ({@code Connection: close}), which HTTP/1.1
 * tells pipelining clients to expect (they send the unanswered request again). Plain HTTP/1.1
 * connections only; others are not watched.
 *
 * <p>Threading: {@link #watch} on the request's thread; the callback on the watch's own thread;
 * {@link Watch#stop()} by whoever writes the answer, before writing it.
 */
final class DisconnectWatch implements AutoCloseable {

    private final ScheduledExecutorService poller;
    private final Set<Watch> watched = ConcurrentHashMap.newKeySet();

    DisconnectWatch(Duration interval) {
        poller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "disconnect-watch");
            t.setDaemon(true);
            return t;
        });
        poller.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One watched request. */
    final class Watch {
        private final Context ctx;
        private final EndPoint endPoint;
        private final Runnable onGone;
        private boolean stopped; // guarded by this
        private boolean pipelined; // guarded by this

        private Watch(Context ctx, EndPoint endPoint, Runnable onGone) {
            this.ctx = ctx;
            this.endPoint = endPoint;
            this.onGone = onGone;
        }

        /** Stops watching; call before writing the answer (the connection is then Jetty's alone again). */
        void stop() {
            boolean close;
            synchronized (this) {
                stopped = true;
                close = pipelined;
            }
            watched.remove(this);
            if (close) {
                ctx.header("Connection", "close");
            }
        }

        /** @return true when the watch should continue */
        private boolean check() {
            int read;
            synchronized (this) {
                if (stopped) {
                    return false;
                }
                try {
                    ByteBuffer buffer = ByteBuffer.allocate(64);
                    buffer.flip(); // Jetty fills from the limit: an empty buffer in flush mode
                    read = endPoint.fill(buffer);
                } catch (IOException e) {
                    read = -1;
                }
                if (read > 0) {
                    pipelined = true;
                    return false;
                }
            }
            if (read < 0) {
                onGone.run();
                return false;
            }
            return true;
        }
    }

    /**
     * Watches a request's connection until {@link Watch#stop()}, unless its answer is already
     * there (the work ran on the request's thread): then nothing is watched.
     *
     * @param ctx the request, whose body the handler has read
     * @param answer completes when the work has ended
     * @param onGone called once, on the watch's thread, if the client goes away
     * @return the watch
     */
    Watch watch(Context ctx, java.util.concurrent.CompletableFuture<?> answer, Runnable onGone) {
        if (answer.isDone()) {
            return new Watch(ctx, null, onGone);
        }
        return watch(ctx, onGone);
    }

    /**
     * Watches a request's connection until {@link Watch#stop()}.
     *
     * @param ctx the request, whose body the handler has read
     * @param onGone called once, on the watch's thread, if the client goes away
     * @return the watch
     */
    Watch watch(Context ctx, Runnable onGone) {
        Request base = Request.getBaseRequest(ctx.req());
        EndPoint endPoint = base == null || base.getHttpChannel() == null ? null : base.getHttpChannel().getEndPoint();
        Watch watch = new Watch(ctx, endPoint, onGone);
        if (endPoint instanceof SocketChannelEndPoint && bodyReadToEnd(ctx)) {
            watched.add(watch);
        }
        return watch;
    }

    /** @return whether the body was read to its end; reads at most a few KB more to find out (never all) */
    private static boolean bodyReadToEnd(Context ctx) {
        try {
            jakarta.servlet.ServletInputStream body = ctx.req().getInputStream();
            if (body.isFinished()) {
                return true;
            }
            return body.read(new byte[8192]) < 0 && body.isFinished(); // usually nothing is left after parsing
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private void poll() {
        for (Watch watch : watched) {
            try {
                if (!watch.check()) {
                    watched.remove(watch);
                }
            } catch (RuntimeException e) {
                watched.remove(watch);
            }
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
