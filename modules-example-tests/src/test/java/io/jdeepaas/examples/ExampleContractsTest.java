package io.jdeepaas.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.testkit.ModuleContract;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Every example module the services file names passes the checks the runtime runs when it loads a module. */
class ExampleContractsTest {

    @Test
    void everyRegisteredExampleModulePassesTheLoadTimeChecks() {
        var modules = ServiceLoader.load(ModelEntryPoint.class).stream().map(ServiceLoader.Provider::get).toList();
        assertThat(modules).extracting(ModelEntryPoint::name).contains("demo", "iris", "digits", "tf-iris", "mlp");
        for (ModelEntryPoint module : modules) {
            assertThat(ModuleContract.problems(module)).as(module.name()).isEmpty();
        }
    }
}
