package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.engines.EngineSetup;
import io.jdeepaas.runtime.json.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code prepare-engines}: extracts every engine's native libraries into {@code --engine-cache} and
 * loads each engine once, without discovering or serving any model. A container image runs it at
 * build time, so that its containers start with the libraries in a read-only folder of the image.
 * Prints what it prepared as JSON; exits 1 when an engine cannot be loaded.
 */
@Command(name = "prepare-engines", mixinStandardHelpOptions = true,
        description = "Extracts and loads the engines' native libraries into --engine-cache, then exits.")
final class PrepareEnginesCommand implements Callable<Integer> {

    @Mixin
    ModuleOptions modules = new ModuleOptions();

    @Override
    public Integer call() throws Exception {
        Map<String, Object> facts = EngineSetup.prepare(modules.toConfig().engineCacheDir()).describe();
        System.out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(facts));
        List<?> engines = (List<?>) facts.get("engines");
        boolean allLoaded = engines.stream().allMatch(e -> Boolean.TRUE.equals(((Map<?, ?>) e).get("loaded")));
        if (!allLoaded) {
            System.err.println("error: an engine could not be prepared; see its \"error\" above");
        }
        return allLoaded ? 0 : 1;
    }
}
