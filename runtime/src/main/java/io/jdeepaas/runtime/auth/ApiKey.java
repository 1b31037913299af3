package io.jdeepaas.runtime.auth;

import java.time.Instant;
import java.util.Set;

/**
 * A stored API key, as listed: never its value, which is shown only once when created.
 *
 * @param name the key's unique name, e.g. {@code ci-bot}; trainings it starts are owned by {@code key:name}
 * @param roles what the key may do
 * @param created when it was created
 * @param createdBy who created it ({@link Identity#owner()}), empty when made with the CLI
 * @param lastUsed when it last authenticated a request, or {@code null} if never
 */
public record ApiKey(String name, Set<Role> roles, Instant created, String createdBy, Instant lastUsed) {
}
