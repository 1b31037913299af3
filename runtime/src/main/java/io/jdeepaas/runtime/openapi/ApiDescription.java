package io.jdeepaas.runtime.openapi;

import io.jdeepaas.spi.ModelEntryPoint;
import java.util.List;
import java.util.Objects;

/**
 * What the OpenAPI document describes: the server's title and version, where it is mounted, the
 * models it serves and which endpoint families are switched on.
 *
 * @param title the API's title, e.g. {@code "jDEEPaaS"}
 * @param version the runtime's version, shown as the API version
 * @param basePath the path prefix of every route ({@code --base-path}), e.g. {@code "/deepaas"};
 *     {@code null}, {@code ""} and {@code "/"} all mean none. Normalized to {@code ""} or a path
 *     starting with {@code /} and without a trailing {@code /}.
 * @param models the served models, in display order
 * @param predictEnabled whether the predict routes are served ({@code --predict-endpoint})
 * @param trainEnabled whether the train routes are served ({@code --train-endpoint})
 */
public record ApiDescription(String title, String version, String basePath, List<ModelEntryPoint> models,
                             boolean predictEnabled, boolean trainEnabled) {

    /**
     * Checks the fields, normalizes the base path and copies the model list.
     *
     * @param title the API's title
     * @param version the runtime's version
     * @param basePath the path prefix of every route
     * @param models the served models
     * @param predictEnabled whether predict is served
     * @param trainEnabled whether train is served
     */
    public ApiDescription {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(version, "version");
        basePath = normalizeBasePath(basePath);
        models = List.copyOf(models);
    }

    /**
     * Brings a base path to the form {@code ""} or {@code /a/b}.
     *
     * @param basePath a base path as a user wrote it, or {@code null}
     * @return {@code ""} for none, otherwise the path with one leading and no trailing slash
     */
    public static String normalizeBasePath(String basePath) {
        if (basePath == null) {
            return "";
        }
        String path = basePath.strip();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty()) {
            return "";
        }
        return path.startsWith("/") ? path : "/" + path;
    }
}
