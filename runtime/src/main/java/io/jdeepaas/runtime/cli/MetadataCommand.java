package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.http.Links;
import io.jdeepaas.runtime.http.ModelObjects;
import io.jdeepaas.runtime.json.Json;
import io.jdeepaas.runtime.engines.EngineInfo;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.spi.Argument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code metadata}: warms the discovered models (all, or those of {@code --model-name}) and prints
 * their model objects as the server shows them (state, device, error), with their declared predict
 * and train arguments.
 */
@Command(name = "metadata", mixinStandardHelpOptions = true,
        description = "Warms the discovered models and prints their metadata and arguments.")
final class MetadataCommand implements Callable<Integer> {

    @Mixin
    ModuleOptions modules = new ModuleOptions();

    @Override
    public Integer call() throws Exception {
        LocalModels local = new LocalModels(modules.toConfig());
        local.warmAll();
        ModelObjects objects = new ModelObjects(new Links(""), engine -> EngineInfo.version(engine).orElse(null),
                true, true);
        List<Map<String, Object>> models = new ArrayList<>();
        for (ModelHandle model : local.registry().all()) {
            Map<String, Object> object = objects.of(model);
            if (model.unusable() == null) {
                object.put("predict_arguments", describe(model.module().predictArguments()));
                object.put("train_arguments", describe(model.module().trainArguments()));
            }
            models.add(object);
        }
        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(Map.of("models", models)));
        return 0;
    }

    /** @return each argument as a small object: name, type, required, default, allowed values, range, description */
    static List<Map<String, Object>> describe(List<Argument> arguments) {
        List<Map<String, Object>> described = new ArrayList<>();
        for (Argument argument : arguments) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", argument.name());
            one.put("type", argument.itemType() == null ? argument.type().label()
                    : argument.type().label() + " of " + argument.itemType().label());
            one.put("required", argument.isRequired());
            putIfSet(one, "default", argument.defaultValue());
            putIfSet(one, "allowed", argument.allowedValues().isEmpty() ? null : argument.allowedValues());
            putIfSet(one, "minimum", argument.minimum());
            putIfSet(one, "maximum", argument.maximum());
            putIfSet(one, "description", argument.description().isEmpty() ? null : argument.description());
            described.add(one);
        }
        return described;
    }

    private static void putIfSet(Map<String, Object> object, String key, Object value) {
        if (value != null) {
            object.put(key, value);
        }
    }
}
