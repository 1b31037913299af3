package io.jdeepaas.runtime.http;

import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.oip.InferChecks;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelMetadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Builds the model object of {@code GET /v2/models/{name}/}: metadata, links, engine, device, state. */
public final class ModelObjects {

    private final Links links;
    private final Function<String, String> engineVersions;
    private final boolean predictEndpoint;
    private final boolean trainEndpoint;
    private final Function<String, List<String>> versionIds;

    /**
     * @param links href builder
     * @param engineVersions an engine's version by name, or {@code null} when unknown
     * @param predictEndpoint whether predict routes are served
     * @param trainEndpoint whether train routes are served
     */
    public ModelObjects(Links links, Function<String, String> engineVersions, boolean predictEndpoint, boolean trainEndpoint) {
        this(links, engineVersions, predictEndpoint, trainEndpoint, name -> List.of("1"));
    }

    /**
     * As above, listing each model's versions in its metadata.
     *
     * @param versionIds a model's version ids by name, oldest first
     */
    public ModelObjects(Links links, Function<String, String> engineVersions, boolean predictEndpoint, boolean trainEndpoint,
                        Function<String, List<String>> versionIds) {
        this.versionIds = versionIds;
        this.links = links;
        this.engineVersions = engineVersions;
        this.predictEndpoint = predictEndpoint;
        this.trainEndpoint = trainEndpoint;
    }

    public Map<String, Object> of(ModelHandle handle) {
        String base = "/v2/models/" + handle.name() + "/";
        ModelMetadata meta = handle.module().metadata();
        ModelHandle.Status status = handle.status();
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("id", handle.name());
        object.put("name", handle.name());
        List<Map<String, String>> refs = new ArrayList<>();
        refs.add(links.link("self", base));
        if (predictEndpoint && handle.wrapper().predicts()) {
            refs.add(links.link("predict", base + "predict/"));
        }
        if (trainEndpoint && handle.wrapper().trains()) {
            refs.add(links.link("train", base + "train/"));
        }
        if (handle.wrapper().infers()) {
            refs.add(links.link("infer", "/v2/models/" + handle.name() + "/infer"));
        }
        object.put("links", refs);
        object.put("description", meta.description());
        putIfSet(object, "version", meta.version());
        putIfSet(object, "author", meta.author());
        putIfSet(object, "license", meta.license());
        putIfSet(object, "url", meta.url());
        meta.extras().forEach(object::putIfAbsent);
        String engine = handle.module().engine().orElse(null);
        object.put("engine", engine);
        object.put("engine_version", engine == null ? null : engineVersions.apply(engine));
        object.put("device", status.device() == null ? null : status.device().toString());
        object.put("state", status.state());
        if (status.error() != null) {
            object.put("error", status.error());
        }
        return object;
    }

    /**
     * @param handle a model
     * @return its model object merged with the Open Inference Protocol's model metadata:
     *     {@code platform}, {@code versions} (every version it has), {@code inputs} and {@code outputs}
     */
    public Map<String, Object> withTensors(ModelHandle handle) {
        Map<String, Object> object = of(handle);
        ModelEntryPoint module = handle.module();
        object.put("versions", versionIds.apply(handle.name()));
        object.put("platform", module.platform());
        object.put("inputs", InferChecks.metadata(module.inputs()));
        object.put("outputs", InferChecks.metadata(module.outputs()));
        return object;
    }

    private static void putIfSet(Map<String, Object> object, String key, String value) {
        if (value != null) {
            object.put(key, value);
        }
    }
}
