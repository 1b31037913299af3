package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.http.Links;
import io.jdeepaas.runtime.http.ModelObjects;
import io.jdeepaas.runtime.json.Json;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code metadata}: prints the model objects of the discovered modules, without warming them. */
@Command(name = "metadata", mixinStandardHelpOptions = true, description = "Prints the discovered models' metadata.")
final class MetadataCommand implements Callable<Integer> {

    @Mixin
    ModuleOptions modules = new ModuleOptions();

    @Override
    public Integer call() throws Exception {
        LocalModels local = new LocalModels(modules.toConfig());
        ModelObjects objects = new ModelObjects(new Links(""), engine -> null, true, true);
        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                Map.of("models", local.registry().all().stream().map(objects::of).toList())));
        return 0;
    }
}
