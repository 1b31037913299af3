package io.jdeepaas.examples.mlp;

import static io.jdeepaas.examples.testing.ModuleFixtures.cpu;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jdeepaas.spi.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlpTest {

    @TempDir
    Path dir;

    private static Tensor rows(int rows, long seed) {
        Random random = new Random(seed);
        float[] data = new float[rows * MlpNetwork.INPUTS];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) random.nextGaussian();
        }
        return Tensor.fp32("input", new long[] {rows, MlpNetwork.INPUTS}, data);
    }

    @Test
    void everyWarmBuildsTheSameNetworkAndABatchAnswersEachRowAsAlone() throws Exception {
        Tensor batch = rows(4, 7);
        float[] together;
        try (Mlp mlp = new Mlp()) {
            mlp.warm(cpu(dir));
            Tensor out = mlp.infer(List.of(batch)).get(0);
            assertThat(out.shape()).containsExactly(4, MlpNetwork.OUTPUTS);
            together = out.floats();
            for (int r = 0; r < 4; r++) {
                float[] one = new float[MlpNetwork.INPUTS];
                System.arraycopy(batch.floats(), r * MlpNetwork.INPUTS, one, 0, one.length);
                float[] alone = mlp.infer(List.of(Tensor.fp32("input", new long[] {1, MlpNetwork.INPUTS}, one)))
                        .get(0).floats();
                for (int k = 0; k < MlpNetwork.OUTPUTS; k++) {
                    assertThat(alone[k]).isCloseTo(together[r * MlpNetwork.OUTPUTS + k], within(1e-3f));
                }
            }
        }
        try (Mlp again = new Mlp()) {
            again.warm(cpu(dir));
            assertThat(again.infer(List.of(batch)).get(0).floats()).containsExactly(together);
        }
        assertThat(together).as("not a constant function").doesNotHaveDuplicates();
    }
}
