package io.jdeepaas.runtime.openapi;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The OpenAPI document a server answers with, built when it is first asked for (the first request
 * for it, or {@link #prepareInBackground()} once the models are ready) rather than at start-up:
 * building it costs about a second of CPU, which would otherwise delay ready. Rebuilt on demand
 * after a dev-mode reload. Safe to share between request threads.
 */
public final class ServedDocument implements Supplier<OpenApiDocument> {

    private final Supplier<OpenApiDocument> build;
    private final Object building = new Object();
    private volatile OpenApiDocument current;

    /**
     * @param build builds the document of the server as it is now
     */
    public ServedDocument(Supplier<OpenApiDocument> build) {
        this.build = Objects.requireNonNull(build, "build");
    }

    /** @return the current document, built now if it has not been yet */
    @Override
    public OpenApiDocument get() {
        OpenApiDocument document = current;
        if (document != null) {
            return document;
        }
        synchronized (building) {
            if (current == null) {
                current = build.get();
            }
            return current;
        }
    }

    /**
     * Builds the document again (after a reload changed what it describes); when that fails, the
     * previous document stays served.
     */
    public void rebuild() {
        OpenApiDocument rebuilt = build.get();
        synchronized (building) {
            current = rebuilt;
        }
    }

    /** Builds the document on a low-priority daemon thread, so that its first request does not wait for it. */
    public void prepareInBackground() {
        Thread thread = new Thread(() -> {
            try {
                get();
            } catch (RuntimeException e) {
                // the first request builds it again and answers the error
            }
        }, "openapi-document");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }
}
