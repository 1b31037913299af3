package io.jdeepaas.runtime.engines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.spi.Device;
import org.junit.jupiter.api.Test;

class DeviceResolverTest {

    private final DeviceResolver noGpu = new DeviceResolver(engine -> 0);
    private final DeviceResolver twoGpus = new DeviceResolver(engine -> 2);

    @Test
    void autoFallsBackToTheCpuWhenTheRealPyTorchEngineSeesNoGpu() {
        // this machine has no GPU: the real DJL engine is asked
        assertThat(new DeviceResolver().resolve("auto", "PyTorch", "iris")).isEqualTo(Device.cpu());
    }

    @Test
    void gpuOnThisMachineFailsWithAClearMessageFromTheRealEngine() {
        assertThatThrownBy(() -> new DeviceResolver().resolve("gpu", "PyTorch", "iris"))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessage("device gpu:0 requested for model 'iris' but no GPU is visible to engine PyTorch"
                        + " (0 GPUs); use --device cpu or auto");
    }

    @Test
    void autoWithoutEngineIsTheCpu() {
        assertThat(twoGpus.resolve("auto", null)).isEqualTo(Device.cpu());
        assertThat(twoGpus.resolve(null, null)).isEqualTo(Device.cpu());
    }

    @Test
    void cpuIsAlwaysTheCpu() {
        assertThat(twoGpus.resolve("cpu", "PyTorch")).isEqualTo(Device.cpu());
        assertThat(noGpu.resolve(" CPU ", "PyTorch")).isEqualTo(Device.cpu());
    }

    @Test
    void autoPicksTheFirstGpuWhenTheEngineSeesOne() {
        assertThat(twoGpus.resolve("auto", "PyTorch")).isEqualTo(Device.gpu(0));
    }

    @Test
    void gpuWithIndexIsCheckedAgainstTheVisibleCount() {
        assertThat(twoGpus.resolve("gpu", "PyTorch")).isEqualTo(Device.gpu(0));
        assertThat(twoGpus.resolve("gpu:1", "PyTorch")).isEqualTo(Device.gpu(1));
        assertThatThrownBy(() -> twoGpus.resolve("gpu:2", "TensorFlow", "tf-iris"))
                .isInstanceOf(DeviceUnavailableException.class)
                .hasMessage("device gpu:2 requested for model 'tf-iris' but only 2 GPUs are visible to engine"
                        + " TensorFlow (gpu:0 to gpu:1); use --device cpu or auto");
    }

    @Test
    void anUnknownSpellingListsTheAcceptedForms() {
        assertThatThrownBy(() -> noGpu.resolve("cuda", "PyTorch"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid device 'cuda'")
                .hasMessageContaining("auto, cpu, gpu, gpu:N");
        assertThatThrownBy(() -> noGpu.resolve("gpu:-1", "PyTorch")).isInstanceOf(IllegalArgumentException.class);
    }
}
