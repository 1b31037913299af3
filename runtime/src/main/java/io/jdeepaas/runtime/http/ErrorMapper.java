package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.jdeepaas.runtime.errors.ApiException;
import io.jdeepaas.runtime.errors.InvalidArgumentsException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure to its status and one JSON body: {@code {"message": "..."}}, plus
 * {@code "errors"} (messages per argument) for 422. Routes of the Open Inference Protocol answer
 * {@code {"error": "..."}} instead, as that protocol prescribes.
 */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    public static void register(Javalin app) {
        app.exception(ApiException.class, ErrorMapper::answer);
        app.exception(HttpResponseException.class, (e, ctx) ->
                ctx.status(e.getStatus()).json(body(ctx, messageFor(e.getStatus(), e.getMessage(), ctx))));
        app.exception(Exception.class, ErrorMapper::unexpected);
        app.error(404, ctx -> {
            if (ctx.resultInputStream() == null) {
                ctx.json(body(ctx, "no route " + ctx.method() + " " + ctx.path() + "; see /openapi.json"));
            }
        });
        app.error(405, ctx -> ctx.json(body(ctx, "method " + ctx.method() + " is not allowed on " + ctx.path())));
    }

    /**
     * Answers a failure from an asynchronous handler. Routes that answer in a future call this
     * instead of failing the future: Javalin 6.7 maps an exception that fails a future, but then
     * never completes the response (the client waits forever).
     */
    static void answerAsync(Throwable failure, Context ctx) {
        if (failure instanceof ApiException api) {
            answer(api, ctx);
        } else if (failure instanceof Exception e) {
            unexpected(e, ctx);
        } else {
            unexpected(new RuntimeException(failure), ctx);
        }
    }

    private static void answer(ApiException e, Context ctx) {
        if (e.status() >= 500) {
            LOG.warn("{} {} -> {} {}", ctx.method(), ctx.path(), e.status(), e.getMessage());
        }
        e.headers().forEach(ctx::header);
        if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        Map<String, Object> body = body(ctx, e.getMessage());
        if (e instanceof InvalidArgumentsException invalid) {
            body.put("errors", invalid.errors());
        }
        ctx.status(e.status()).json(body);
    }

    private static void unexpected(Exception e, Context ctx) {
        LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.toString(), e);
        ctx.status(500).json(body(ctx, "internal error: " + e.getMessage()));
    }

    private static String messageFor(int status, String message, Context ctx) {
        if (status == 405) {
            return "method " + ctx.method() + " is not allowed on " + ctx.path();
        }
        if (status == 404) {
            return "no route " + ctx.method() + " " + ctx.path() + "; see /openapi.json";
        }
        if (status == 413) {
            return "the request is too large: " + message;
        }
        return message;
    }

    /**
     * @return the route's path without the base path: the matched route's template when there is one
     *     (also known off the request's thread, where the servlet's context path reads null), else
     *     the request's path
     */
    private static String localPath(Context ctx) {
        try {
            String route = ctx.endpointHandlerPath();
            if (route != null && route.startsWith("/")) {
                return route;
            }
        } catch (RuntimeException e) {
            // no matched route: use the request's path
        }
        String contextPath = ctx.req().getContextPath();
        String path = ctx.path();
        return contextPath != null && path.startsWith(contextPath) ? path.substring(contextPath.length()) : path;
    }

    /** @return the error body for this route's protocol */
    static Map<String, Object> body(Context ctx, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(OipPaths.matches(localPath(ctx)) ? "error" : "message", message);
        return body;
    }
}
