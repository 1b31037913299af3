package io.jdeepaas.runtime.auth;

/**
 * What a route asks of its caller.
 *
 * @param role the role it needs, or {@code null} for a public route (health probes, and
 *     {@code /metrics} unless configured otherwise)
 * @param owned whether the route acts on one training, which a non-admin may reach only when it is
 *     their own (another user's training is answered 404, so its id is not revealed)
 */
public record Access(Role role, boolean owned) {

    /** Open to anyone, even with {@code --anonymous none}. */
    public static final Access PUBLIC = new Access(null, false);

    /** @return access that needs {@code role} */
    public static Access needs(Role role) {
        return new Access(role, false);
    }

    /** @return access that needs {@code role} and, below admin, the training to be the caller's own */
    public static Access owns(Role role) {
        return new Access(role, true);
    }

    /** @return whether anyone may call the route */
    public boolean isPublic() {
        return role == null;
    }
}
