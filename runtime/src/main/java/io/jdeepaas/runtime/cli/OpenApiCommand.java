package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.Server;
import io.jdeepaas.runtime.openapi.OpenApiDocument;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code openapi}: prints the OpenAPI document the server would publish for the discovered modules. */
@Command(name = "openapi", mixinStandardHelpOptions = true, description = "Prints the OpenAPI document.")
final class OpenApiCommand implements Callable<Integer> {

    @Mixin
    ModuleOptions modules = new ModuleOptions();

    @Option(names = "--yaml", description = "Print YAML instead of JSON.")
    boolean yaml;

    @Option(names = "--swagger2", description = "Print the Swagger 2.0 document of /swagger.json instead.")
    boolean swagger2;

    @Override
    public Integer call() throws Exception {
        LocalModels local = new LocalModels(modules.toConfig());
        OpenApiDocument document = OpenApiDocument.build(Server.describeApi(local.config(), local.registry()));
        System.out.println(swagger2 ? document.swagger2() : yaml ? document.yaml() : document.json());
        return 0;
    }
}
