package io.jdeepaas.spi;

import java.util.List;

/**
 * A factory of entry points, for modules that serve a variable set of models (for example one per
 * folder of a model store). Register it in {@code META-INF/services/io.jdeepaas.spi.ModelProvider}.
 *
 * <pre>{@code
 * public final class FolderModels implements ModelProvider {
 *     public List<ModelEntryPoint> entryPoints(ProviderContext context) {
 *         return context.setting("model-store").map(FolderModels::scan).orElse(List.of());
 *     }
 * }
 * }</pre>
 */
public interface ModelProvider {

    /**
     * Called once at start-up, before any model is warmed.
     *
     * @param context runtime settings and the data folder
     * @return the entry points to serve; an empty list serves none
     * @throws Exception when the provider cannot list its models (start-up reports it and goes on)
     */
    List<ModelEntryPoint> entryPoints(ProviderContext context) throws Exception;
}
