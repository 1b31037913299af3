package io.jdeepaas.runtime.auth;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The caller of one request.
 *
 * @param kind how the caller proved who it is
 * @param subject the token's {@code sub}, or the API key's name; empty when anonymous
 * @param issuer the token's issuer; empty for API keys and anonymous callers
 * @param roles what the caller may do
 */
public record Identity(Kind kind, String subject, String issuer, Set<Role> roles) {

    /** How a caller proved who it is. */
    public enum Kind { ANONYMOUS, TOKEN, API_KEY }

    public Identity {
        roles = roles.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Role.class))
                : Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    /** @return an anonymous caller holding the roles anonymous access is given */
    public static Identity anonymous(Set<Role> roles) {
        return new Identity(Kind.ANONYMOUS, "", "", roles);
    }

    /** @return whether the caller may do what {@code role} guards */
    public boolean may(Role role) {
        return role.allowedBy(roles);
    }

    /**
     * @return the owner recorded on what this caller creates: {@code issuer#subject} for a token,
     *     {@code key:name} for an API key, {@code anonymous} without credentials
     */
    public String owner() {
        return switch (kind) {
            case TOKEN -> issuer + "#" + subject;
            case API_KEY -> "key:" + subject;
            case ANONYMOUS -> "anonymous";
        };
    }
}
