package io.jdeepaas.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.jdeepaas.runtime.errors.ApiException;
import io.jdeepaas.runtime.errors.Failures;
import io.jdeepaas.runtime.errors.InvalidArgumentsException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.HttpChannel;
import org.eclipse.jetty.server.HttpConnection;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one error path. Every failure, thrown by a route (however wrapped: by a future, a parser or a
 * stream), answered after an asynchronous route ended ({@link #answer}), or produced by Jetty
 * before a route ran (a malformed request line, headers too large, broken framing) gets its status
 * and one JSON body: {@code {"message": "..."}} (plus {@code "errors"}, messages per argument, for
 * 422) on DEEPaaS routes and outside {@code /v2}, {@code {"error": "..."}} on every other path
 * under {@code /v2} (the Open Inference Protocol's shape), whether a route matched or not.
 *
 * <p>Messages say what to change; they never carry a Java class name or a stack trace. A failure
 * that is not an HTTP outcome is a 500, logged once with its stack trace.
 */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern QUALIFIED_NAME = Pattern.compile("\\b(?:[a-z_][a-z0-9_]*\\.)+([A-Z][\\w$]*)");
    private static final Pattern NESTED_NAME = Pattern.compile("\\b[A-Z]\\w*\\$([A-Z]?\\w+)");
    private static final Pattern EXCEPTION_PREFIX = Pattern.compile("\\b\\w*(?:Exception|Error): ?");

    private ErrorMapper() {
    }

    /** Maps every exception a route throws, and answers unmatched routes and methods. */
    public static void register(Javalin app) {
        app.exception(Exception.class, ErrorMapper::answer);
        app.exception(HttpResponseException.class, ErrorMapper::answer); // else Javalin's own handler wins
        app.error(404, ctx -> {
            if (ctx.resultInputStream() == null) {
                ctx.json(body(localPath(ctx), "no route " + method(ctx) + " " + ctx.path() + "; see /openapi.json"));
            }
        });
        app.error(405, ctx -> ctx.json(body(localPath(ctx), notAllowed(ctx))));
    }

    /**
     * Answers a failure: its HTTP outcome if it carries one, else a 500 logged with its stack trace.
     * Routes that answer in a future call this when the work failed instead of failing the future
     * (Javalin 6.7 maps an exception that fails a future, but then never completes the response).
     */
    static void answer(Throwable failure, Context ctx) {
        Optional<ApiException> api = Failures.apiCause(failure);
        if (api.isPresent()) {
            answer(api.get(), ctx);
        } else if (failure instanceof io.javalin.http.NotFoundResponse && Redirects.answer(ctx)) {
            return; // no route matched, but it is another spelling of one
        } else if (failure instanceof HttpResponseException javalin) {
            ctx.status(javalin.getStatus()).json(body(localPath(ctx), javalinMessage(javalin, ctx)));
        } else {
            LOG.error("{} {} failed: {}", method(ctx), ctx.path(), failure.toString(), failure);
            ctx.status(500).json(body(localPath(ctx), "internal error: " + clean(String.valueOf(failure.getMessage()))
                    + "; the server logged the details"));
        }
    }

    private static void answer(ApiException e, Context ctx) {
        closeIfBodyUnread(ctx);
        if (e.status() >= 500) {
            LOG.warn("{} {} -> {} {}", method(ctx), ctx.path(), e.status(), e.getMessage());
        }
        e.headers().forEach(ctx::header);
        if (e.retryAfterSeconds() > 0) {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        Map<String, Object> body = body(localPath(ctx), e.getMessage());
        if (e instanceof InvalidArgumentsException invalid) {
            body.put("errors", invalid.errors());
        }
        ctx.status(e.status()).json(body);
    }

    /**
     * Answers with {@code Connection: close} when the request's body was not read to its end (a
     * refused upload): Jetty then closes the connection after the answer instead of reading the rest
     * of the body first.
     */
    private static void closeIfBodyUnread(Context ctx) {
        try {
            if (!ctx.req().getInputStream().isFinished()) {
                ctx.header("Connection", "close");
            }
        } catch (java.io.IOException | RuntimeException e) {
            ctx.header("Connection", "close");
        }
    }

    private static String javalinMessage(HttpResponseException e, Context ctx) {
        return switch (e.getStatus()) {
            case 404 -> "no route " + method(ctx) + " " + ctx.path() + "; see /openapi.json";
            case 405 -> notAllowed(ctx);
            case 413 -> "the request is too large: " + clean(e.getMessage());
            default -> clean(e.getMessage());
        };
    }

    private static String notAllowed(Context ctx) {
        return "method " + method(ctx) + " is not allowed on " + ctx.path() + "; see /openapi.json for its methods";
    }

    /** @return the method as the client sent it (Javalin names unknown ones INVALID) */
    private static String method(Context ctx) {
        return ctx.req().getMethod();
    }

    /**
     * @return the route's path without the base path: the matched route's template when there is one
     *     (also known off the request's thread, where the servlet's context path reads null), else
     *     the request's path
     */
    static String localPath(Context ctx) {
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

    /**
     * @param path the path without the base path ({@code null} when unknown)
     * @param message what went wrong and what to do
     * @return the error body of the path's route family
     */
    static Map<String, Object> body(String path, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(OipPaths.matches(path) ? "error" : "message", clean(message));
        return body;
    }

    /** @return the message without Java class names (a library's message may carry them) */
    static String clean(String message) {
        if (message == null || message.isBlank()) {
            return "the request failed";
        }
        String cleaned = QUALIFIED_NAME.matcher(message).replaceAll("$1");
        String previous;
        do {
            previous = cleaned;
            cleaned = NESTED_NAME.matcher(cleaned).replaceAll("$1");
        } while (!cleaned.equals(previous));
        return EXCEPTION_PREFIX.matcher(cleaned).replaceAll("");
    }

    /** @return Jetty's error handler, answering what Jetty refuses itself in the same shapes */
    static ErrorHandler jettyErrors(String basePath) {
        return new JettyErrors(basePath);
    }

    /**
     * Jetty's own answers: requests refused before a route ran (a malformed request line, an
     * ambiguous URI, headers too large) and failures that escaped the servlet.
     */
    private static final class JettyErrors extends ErrorHandler {
        private final String basePath;

        JettyErrors(String basePath) {
            this.basePath = basePath == null ? "" : basePath;
        }

        @Override
        protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                                  HttpServletResponse response, int code, String message)
                throws IOException {
            baseRequest.setHandled(true);
            response.setContentType("application/json");
            response.getOutputStream().write(bytes(code, message, local(baseRequest.getHttpURI())));
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            fields.put(HttpHeader.CONNECTION, "close");
            return ByteBuffer.wrap(bytes(status, reason, local(currentUri())));
        }

        /** @return the URI of the request this thread's connection is parsing, when its line was read */
        private static HttpURI currentUri() {
            HttpConnection connection = HttpConnection.getCurrentConnection();
            HttpChannel channel = connection == null ? null : connection.getHttpChannel();
            return channel == null || channel.getRequest() == null ? null : channel.getRequest().getHttpURI();
        }

        private String local(HttpURI uri) {
            String path = uri == null ? null : uri.getPath();
            if (path != null && !basePath.isEmpty() && path.startsWith(basePath)) {
                path = path.substring(basePath.length());
            }
            return path;
        }

        private static byte[] bytes(int code, String reason, String path) {
            try {
                return JSON.writeValueAsBytes(body(path, message(code, reason)));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String message(int code, String reason) {
            String why = reason == null || reason.isBlank() ? "" : ": " + reason.toLowerCase(Locale.ROOT);
            return switch (code) {
                case 400 -> "the request is malformed" + why + "; check its request line, headers and framing";
                case 408 -> "the request did not arrive in time; the server waits at most --idle-timeout for more bytes";
                case 413 -> "the request is too large" + why;
                case 414 -> "the request's URI is longer than the server accepts; send long arguments in the body";
                case 431 -> "the request's headers are larger than the server accepts (8 KB in all); send fewer or"
                        + " shorter headers";
                case 500 -> "internal error; the server logged the details";
                case 501 -> "the server does not implement this" + why;
                case 505 -> "the HTTP version is not supported; use HTTP/1.1";
                default -> "the request was refused (" + code + ")" + why;
            };
        }
    }
}
