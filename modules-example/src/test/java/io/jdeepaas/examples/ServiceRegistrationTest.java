package io.jdeepaas.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.examples.digits.Digits;
import io.jdeepaas.examples.modelfolder.ModelFolderProvider;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ServiceRegistrationTest {

    @Test
    void theRuntimeFindsTheDigitsModelAndTheModelFolderProvider() {
        assertThat(ServiceLoader.load(ModelEntryPoint.class).stream().map(ServiceLoader.Provider::type))
                .contains(Digits.class);
        assertThat(ServiceLoader.load(ModelProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(ModelFolderProvider.class);
    }
}
