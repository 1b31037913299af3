package io.jdeepaas.bench;

import io.jdeepaas.examples.mlp.Mlp;
import io.jdeepaas.runtime.engines.EngineSetup;
import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.WarmContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The {@code mlp} example's engine call without HTTP: milliseconds per row at batch sizes 1, 8 and
 * 32, one call at a time, the ceiling of what batching can gain. Prints {@code batch_N_ms_per_row V}.
 *
 * <p>Arguments: {@code engineCache seconds} (each batch size is timed for about that long).
 */
public final class MlpInProcess {

    private MlpInProcess() {
    }

    public static void main(String[] args) throws Exception {
        EngineSetup.prepare(Path.of(args[0]));
        double seconds = Double.parseDouble(args[1]);
        try (Mlp mlp = new Mlp()) {
            mlp.warm(new WarmContext(Device.cpu(), Files.createTempDirectory("mlp"), Map.of(),
                    System.getLogger("mlp")));
            Random random = new Random(14);
            for (int rows : new int[] {1, 8, 32}) {
                float[] data = new float[rows * 512];
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) random.nextGaussian();
                }
                List<Tensor> in = List.of(Tensor.fp32("input", new long[] {rows, 512}, data));
                long end = System.nanoTime() + (long) (seconds * 1e9 / 3);
                while (System.nanoTime() < end) {
                    mlp.infer(in);
                }
                int calls = 0;
                long start = System.nanoTime();
                end = start + (long) (seconds * 1e9);
                while (System.nanoTime() < end) {
                    mlp.infer(in);
                    calls++;
                }
                System.out.printf("batch_%d_ms_per_row %.3f%n", rows, (System.nanoTime() - start) / 1e6 / calls / rows);
            }
        }
    }
}
