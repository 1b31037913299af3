package io.jdeepaas.runtime.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.jdeepaas.runtime.errors.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the Swagger UI at {@code GET /api}, from the swagger-ui webjar on the classpath (no CDN).
 *
 * <p>{@code /api} answers our own page ({@code swagger-ui/index.html}), which loads the UI's
 * assets from {@code <base>/api/<asset>} and points it at {@code <base>/openapi.json}. Assets are
 * read from the webjar once and kept in memory; an unknown asset is a JSON 404. With an OpenID
 * Connect client id, the UI's Authorize dialog signs in as that client with the authorization code
 * flow and PKCE, and comes back through the webjar's {@code <base>/api/oauth2-redirect.html}.
 */
public final class SwaggerUiRoutes {

    private static final String WEBJAR_POM = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";
    private static final String PAGE = "/swagger-ui/index.html";
    /** The webjar's own page and initializer point at the petstore: never serve them. */
    private static final Set<String> HIDDEN = Set.of("swagger-initializer.js");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "js", "application/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "html", "text/html; charset=utf-8",
            "png", "image/png",
            "map", "application/json");

    private final String page;
    private final String assetFolder;
    private final Map<String, Optional<byte[]>> assets = new ConcurrentHashMap<>();

    /**
     * Prepares the page for a base path.
     *
     * @param basePath the server's base path ({@code ""} or e.g. {@code /deepaas}), written into
     *     the page's links
     * @param title the page's title
     * @throws IllegalStateException when the swagger-ui webjar is not on the classpath
     */
    public SwaggerUiRoutes(String basePath, String title) {
        this(basePath, title, null);
    }

    /**
     * Prepares the page for a base path, titled "jDEEPaaS API", signing in as an OpenID Connect client.
     *
     * @param basePath the server's base path
     * @param clientId the client the Authorize dialog uses, or {@code null} to let the user type one
     */
    public static SwaggerUiRoutes signingInAs(String basePath, String clientId) {
        return new SwaggerUiRoutes(basePath, "jDEEPaaS API", clientId);
    }

    private SwaggerUiRoutes(String basePath, String title, String clientId) {
        String base = normalize(basePath);
        this.assetFolder = "/META-INF/resources/webjars/swagger-ui/" + webjarVersion() + "/";
        this.page = new String(read(PAGE).orElseThrow(() -> new IllegalStateException("missing " + PAGE)),
                StandardCharsets.UTF_8)
                .replace("__BASE_PATH__", percentEncode(base))
                .replace("__TITLE__", escape(title))
                .replace("__OIDC_CLIENT_ID__", jsString(clientId == null ? "" : clientId));
    }

    /**
     * Prepares the page for a base path, titled "jDEEPaaS API".
     *
     * @param basePath the server's base path
     */
    public SwaggerUiRoutes(String basePath) {
        this(basePath, "jDEEPaaS API", null);
    }

    /**
     * Registers {@code GET /api} and {@code GET /api/{asset}} (without the base path: Javalin's
     * context path adds it).
     *
     * @param app the server
     */
    public void register(Javalin app) {
        app.get("/api", this::page);
        app.get("/api/{asset}", this::asset);
    }

    private void page(Context ctx) {
        ctx.contentType(CONTENT_TYPES.get("html")).result(page);
    }

    private void asset(Context ctx) {
        String name = ctx.pathParam("asset");
        if (name.equals("index.html")) {
            page(ctx);
            return;
        }
        Optional<byte[]> bytes = HIDDEN.contains(name) || name.contains("..") || name.contains("/")
                ? Optional.empty()
                : assets.computeIfAbsent(name, n -> read(assetFolder + n));
        if (bytes.isEmpty()) {
            throw new NotFoundException("no Swagger UI asset '" + name + "'; the UI is at /api");
        }
        String extension = name.substring(name.lastIndexOf('.') + 1);
        ctx.header("Cache-Control", "public, max-age=3600")
                .contentType(CONTENT_TYPES.getOrDefault(extension, "application/octet-stream"))
                .result(bytes.get());
    }

    private static String webjarVersion() {
        Properties pom = new Properties();
        try (InputStream in = SwaggerUiRoutes.class.getResourceAsStream(WEBJAR_POM)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the classpath (" + WEBJAR_POM + ")");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = SwaggerUiRoutes.class.getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String normalize(String basePath) {
        String base = basePath == null ? "" : basePath.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base.isEmpty() || base.startsWith("/") ? base : "/" + base;
    }

    /** Safe inside a JavaScript string literal in an HTML script element. */
    private static String jsString(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(Character.isLetterOrDigit(c) && c < 128 || "-._~:".indexOf(c) >= 0 ? String.valueOf(c)
                    : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }

    /** Safe in HTML text. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /**
     * A path with every character but unreserved ones and {@code /} percent-encoded, so it is safe
     * both in an HTML attribute and in a JavaScript string.
     */
    private static String percentEncode(String path) {
        StringBuilder out = new StringBuilder();
        for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
