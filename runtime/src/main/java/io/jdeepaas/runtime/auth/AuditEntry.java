package io.jdeepaas.runtime.auth;

import java.time.Instant;

/**
 * One state-changing call, as the audit trail keeps it.
 *
 * @param at when it was answered
 * @param who the caller ({@link Identity#owner()}, or {@code anonymous})
 * @param action what was asked: {@code train.start}, {@code train.cancel}, {@code train.purge},
 *     {@code train.retry}, {@code model.load}, {@code model.unload}, {@code key.create}, {@code key.revoke}
 * @param model the model it concerned, or {@code null}
 * @param training the training it concerned (the new one for a start or a retry), or {@code null}
 * @param status the HTTP status it was answered with
 * @param detail anything else worth keeping (the key's name, the retried training), or {@code null}
 */
public record AuditEntry(Instant at, String who, String action, String model, String training, int status,
                         String detail) {

    /** @return whether the call succeeded */
    public boolean succeeded() {
        return status < 400;
    }
}
