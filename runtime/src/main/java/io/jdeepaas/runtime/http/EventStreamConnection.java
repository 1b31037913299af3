package io.jdeepaas.runtime.http;

import io.jdeepaas.runtime.training.TrainingEvent;
import io.jdeepaas.runtime.training.TrainingFeed;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * One open event stream, written with the servlet's non-blocking output: what is sent is queued and
 * written whenever the connection can take it ({@link WriteListener}), so no thread waits for a
 * client, however slow. A write that fails, an error of the asynchronous request, or a client that
 * stops reading while more than {@value #MAX_QUEUED_BYTES} bytes wait, closes the stream and frees
 * it. {@link #done()} completes once the last byte is out (or the stream failed); the request then
 * ends.
 *
 * <p>Threading: {@link #send} and {@link #end} from any thread (the feed's, the keep-alive's);
 * the servlet container calls the listeners on its own threads. One lock orders them.
 */
final class EventStreamConnection implements TrainingFeed.Follower, WriteListener, AsyncListener {

    static final int MAX_QUEUED_BYTES = 32 * 1024 * 1024;

    private final ServletOutputStream out;
    private final Function<TrainingEvent, byte[]> frames;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private final ArrayDeque<byte[]> queue = new ArrayDeque<>(); // guarded by this
    private long queued; // guarded by this
    private boolean flushNeeded; // guarded by this
    private boolean ending; // guarded by this
    private boolean closed; // guarded by this
    private final List<Runnable> onClose = new ArrayList<>(); // guarded by this

    /**
     * @param out the response's output stream, in an asynchronous request
     * @param frames writes an event as the bytes of its frame
     */
    EventStreamConnection(ServletOutputStream out, Function<TrainingEvent, byte[]> frames) {
        this.out = out;
        this.frames = frames;
    }

    /** Switches the output to non-blocking writes; call once, on the request's thread. */
    void start() {
        out.setWriteListener(this);
    }

    /** Runs an action when the stream closes, or now if it has closed already. */
    void whenClosed(Runnable action) {
        synchronized (this) {
            if (!closed) {
                onClose.add(action);
                return;
            }
        }
        action.run();
    }

    /** @return completes when the stream has ended, written out or failed */
    CompletableFuture<Void> done() {
        return done;
    }

    @Override
    public void event(TrainingEvent event) {
        send(frames.apply(event));
    }

    /** Queues bytes and writes what the connection takes now. */
    void send(byte[] bytes) {
        boolean failed;
        synchronized (this) {
            if (closed || ending) {
                return;
            }
            failed = queued + bytes.length > MAX_QUEUED_BYTES;
            if (!failed) {
                queue.add(bytes);
                queued += bytes.length;
            }
        }
        if (failed) {
            fail(); // a client that stopped reading: it reconnects and resumes from its Last-Event-ID
        } else {
            drain();
        }
    }

    /** Ends the stream once what is queued is written. */
    @Override
    public void end() {
        synchronized (this) {
            if (closed) {
                return;
            }
            ending = true;
        }
        drain();
    }

    @Override
    public void onWritePossible() {
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        fail();
    }

    @Override
    public void onError(AsyncEvent event) {
        fail();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        fail();
    }

    @Override
    public void onComplete(AsyncEvent event) {
        fail(); // no-op when already closed; frees the stream if the container ended the request
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // not used
    }

    private void drain() {
        boolean finished = false;
        boolean failed = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            try {
                while (out.isReady()) {
                    byte[] next = queue.poll();
                    if (next != null) {
                        queued -= next.length;
                        out.write(next);
                        flushNeeded = true;
                    } else if (flushNeeded) {
                        flushNeeded = false;
                        out.flush();
                    } else {
                        finished = ending;
                        break;
                    }
                }
            } catch (IOException | IllegalStateException e) {
                failed = true;
            }
            if (finished || failed) {
                closed = true;
                queue.clear();
            }
        }
        if (finished || failed) {
            closed();
        }
    }

    private void fail() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            queue.clear();
        }
        closed();
    }

    /** Runs once, outside the lock: frees the stream, then lets the request end. */
    private void closed() {
        List<Runnable> actions;
        synchronized (this) {
            actions = List.copyOf(onClose);
            onClose.clear();
        }
        try {
            actions.forEach(Runnable::run);
        } finally {
            done.complete(null);
        }
    }
}
