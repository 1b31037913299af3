package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.auth.Access;
import io.jdeepaas.runtime.auth.AccessPolicy;
import io.jdeepaas.runtime.auth.AuthenticationException;
import io.jdeepaas.runtime.auth.CallerLimits;
import io.jdeepaas.runtime.auth.Authenticator;
import io.jdeepaas.runtime.auth.Identity;
import io.jdeepaas.runtime.auth.ProviderUnavailableException;
import io.jdeepaas.runtime.auth.Role;
import io.jdeepaas.runtime.errors.ForbiddenException;
import io.jdeepaas.runtime.errors.ServiceUnavailableException;
import io.jdeepaas.runtime.errors.TooManyRequestsException;
import io.jdeepaas.runtime.errors.UnauthorizedException;
import io.jdeepaas.runtime.training.TrainingViewer;

/**
 * Runs before every matched route: finds the caller ({@link Authenticator}), keeps it on the request
 * ({@link #identity(Context)}), and refuses what the {@link AccessPolicy} does not allow: 401 when
 * credentials are missing or not valid, 403 when the caller lacks the role.
 */
final class AccessFilter {

    private static final String IDENTITY = "jdeepaas.identity";
    /** The matched route's template, kept for the after-handlers (where Javalin reports their own path). */
    static final String ROUTE = "jdeepaas.route";
    private static final String MODEL = "jdeepaas.model";

    private final Authenticator authenticator;
    private final AccessPolicy policy;
    private final CallerLimits limits;

    AccessFilter(Authenticator authenticator, AccessPolicy policy, CallerLimits limits) {
        this.authenticator = authenticator;
        this.policy = policy;
        this.limits = limits;
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

    private void limit(Context ctx, Identity caller) {
        String route = ctx.method().name() + " " + ctx.attribute(ROUTE);
        CallerLimits.Kind kind = switch (route) {
            case "POST /v2/models/{name}/predict/", "POST /v2/models/{name}/infer",
                 "POST /v2/models/{name}/versions/{version}/infer",
                 "POST /v2/models/{name}/versions/{version}/predict/" -> CallerLimits.Kind.PREDICT;
            case "POST /v2/models/{name}/train/", "POST /v2/models/{name}/train/{uuid}/retry" -> CallerLimits.Kind.TRAIN;
            default -> null;
        };
        if (kind == null || limits.perMinute(kind) == 0) {
            return;
        }
        String who = caller.kind() == Identity.Kind.ANONYMOUS ? "anonymous@" + ctx.ip() : caller.owner();
        limits.take(who, kind).ifPresent(seconds -> {
            throw new TooManyRequestsException("you may " + (kind == CallerLimits.Kind.PREDICT ? "predict"
                    : "start trainings") + " at most " + limits.perMinute(kind) + " times a minute; retry in "
                    + seconds + " s", (int) seconds);
        });
    }

    /**
     * @return whose trainings the caller of this request may see: an admin every one, anyone else
     *     their own
     */
    static TrainingViewer viewer(Context ctx) {
        Identity caller = identity(ctx);
        return new TrainingViewer(caller.owner(), caller.may(Role.ADMIN));
    }

    /** @return the caller, or {@code null} when the request was refused before it was known */
    static Identity identityIfKnown(Context ctx) {
        return ctx.attribute(IDENTITY);
    }

    /**
     * @return the matched route's template as the access filter saw it, for code running after the
     *     route (after-handlers, the request logger), where Javalin reports the after-handler's own
     *     path; {@code null} when no route matched
     */
    static String route(Context ctx) {
        return ctx.attribute(ROUTE);
    }

    /** @return the {@code {name}} of the matched route, as the access filter saw it, or empty */
    static String modelName(Context ctx) {
        String name = ctx.attribute(MODEL);
        return name == null ? "" : name;
    }

    private void check(Context ctx) {
        ctx.attribute(ROUTE, ctx.endpointHandlerPath());
        ctx.attribute(MODEL, ctx.pathParamMap().getOrDefault("name", ""));
        Access access = ctx.method().name().equals("OPTIONS")
                ? Access.PUBLIC
                : policy.of(ctx.method().name(), ctx.endpointHandlerPath(), ctx.pathParamMap().getOrDefault("name", ""));
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
            limit(ctx, caller);
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
