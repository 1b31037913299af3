package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.auth.Access;
import io.jdeepaas.runtime.auth.AccessPolicy;
import io.jdeepaas.runtime.auth.AuthenticationException;
import io.jdeepaas.runtime.auth.Authenticator;
import io.jdeepaas.runtime.auth.Identity;
import io.jdeepaas.runtime.auth.ProviderUnavailableException;
import io.jdeepaas.runtime.errors.ForbiddenException;
import io.jdeepaas.runtime.errors.ServiceUnavailableException;
import io.jdeepaas.runtime.errors.UnauthorizedException;

/**
 * Runs before every matched route: finds the caller ({@link Authenticator}), keeps it on the request
 * ({@link #identity(Context)}), and refuses what the {@link AccessPolicy} does not allow: 401 when
 * credentials are missing or not valid, 403 when the caller lacks the role.
 */
final class AccessFilter {

    private static final String IDENTITY = "jdeepaas.identity";
    /** The matched route's template, kept for the after-handlers (where Javalin reports their own path). */
    static final String ROUTE = "jdeepaas.route";

    private final Authenticator authenticator;
    private final AccessPolicy policy;

    AccessFilter(Authenticator authenticator, AccessPolicy policy) {
        this.authenticator = authenticator;
        this.policy = policy;
    }

    void register(Javalin app) {
        app.beforeMatched(this::check);
    }

    /** @return the caller of this request, as the filter found it */
    static Identity identity(Context ctx) {
        Identity identity = ctx.attribute(IDENTITY);
        if (identity == null) {
            throw new IllegalStateException("no identity on the request: the access filter did not run");
        }
        return identity;
    }

    /** @return the caller, or {@code null} when the request was refused before it was known */
    static Identity identityIfKnown(Context ctx) {
        return ctx.attribute(IDENTITY);
    }

    private void check(Context ctx) {
        ctx.attribute(ROUTE, ctx.endpointHandlerPath());
        Access access = ctx.routeRoles().contains(Redirects.Marker.REDIRECT) || ctx.method().name().equals("OPTIONS")
                ? Access.PUBLIC
                : policy.of(ctx.method().name(), ctx.endpointHandlerPath());
        Identity caller;
        try {
            caller = authenticator.identify(ctx.header("Authorization"), ctx.header("X-API-Key"));
        } catch (AuthenticationException e) {
            if (access.isPublic()) {
                ctx.attribute(IDENTITY, Identity.anonymous(java.util.Set.of()));
                return;
            }
            throw new UnauthorizedException(e.getMessage(), true);
        } catch (ProviderUnavailableException e) {
            throw new ServiceUnavailableException(e.getMessage(), 5);
        }
        ctx.attribute(IDENTITY, caller);
        if (access.isPublic() || caller.may(access.role())) {
            return;
        }
        String needed = "this route needs the '" + access.role().label() + "' role";
        if (caller.kind() == Identity.Kind.ANONYMOUS) {
            throw new UnauthorizedException(needed + "; send 'Authorization: Bearer <token>' or an API key", false);
        }
        throw new ForbiddenException(needed + "; " + (caller.roles().isEmpty() ? "you have no role"
                : "your roles are " + caller.roles().stream().map(r -> r.label()).sorted().toList()));
    }
}
