package io.jdeepaas.runtime.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code openapi}: prints the OpenAPI document the server would publish for the discovered modules. */
@Command(name = "openapi", mixinStandardHelpOptions = true, description = "Prints the OpenAPI document.")
final class OpenApiCommand implements Callable<Integer> {

    @Mixin
    ModuleOptions modules = new ModuleOptions();

    @Override
    public Integer call() throws Exception {
        throw new UnsupportedOperationException("openapi is wired once the OpenAPI builder lands");
    }
}
