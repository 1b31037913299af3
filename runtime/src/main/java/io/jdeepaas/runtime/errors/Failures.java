package io.jdeepaas.runtime.errors;

import java.util.Optional;

/**
 * Finds the HTTP outcome inside a failure however it was wrapped: by a future
 * ({@code CompletionException}, {@code ExecutionException}), by a parser that caught what a stream
 * threw, or by a library that re-threw it as its own exception.
 */
public final class Failures {

    private Failures() {
    }

    /** @return the first {@link ApiException} on the failure's cause chain, if any */
    public static Optional<ApiException> apiCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return Optional.of(api);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    /**
     * @return the failure of pending work as the API exception to answer: the one it carries, or a
     *     500 with the message of its root cause
     */
    public static ApiException translate(Throwable failure) {
        return apiCause(failure).orElseGet(() -> {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root
                    && (root instanceof java.util.concurrent.CompletionException
                    || root instanceof java.util.concurrent.ExecutionException)) {
                root = root.getCause();
            }
            return new ModuleFailureException(String.valueOf(root.getMessage()), root);
        });
    }
}
