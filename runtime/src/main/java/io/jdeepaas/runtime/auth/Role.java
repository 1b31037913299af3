package io.jdeepaas.runtime.auth;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a caller may do. {@code read}: list models, metadata, OpenAPI. {@code predict}: predict and
 * infer. {@code train}: start trainings and see, follow, cancel, retry and purge their own.
 * {@code admin}: everything, including other users' trainings, loading models and managing keys.
 */
public enum Role {
    READ, PREDICT, TRAIN, ADMIN;

    /** @return the role's name as written in flags and answers ({@code read}, {@code predict}, ...) */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text a role's name, any case
     * @return the role
     * @throws IllegalArgumentException naming the known roles when there is no such role
     */
    public static Role parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown role '" + text.strip() + "'; the roles are read, predict, "
                    + "train and admin");
        }
    }

    /**
     * @param text comma-separated role names; {@code none} or an empty text is no role
     * @return the roles
     */
    public static Set<Role> parseList(String text) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("none")) {
            return roles;
        }
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                roles.add(parse(part));
            }
        }
        return roles;
    }

    /**
     * @param held the roles a caller holds
     * @return whether they allow what this role guards: {@code admin} allows everything, and any role
     *     allows what {@code read} guards
     */
    public boolean allowedBy(Set<Role> held) {
        return held.contains(this) || held.contains(ADMIN) || (this == READ && !held.isEmpty());
    }
}
