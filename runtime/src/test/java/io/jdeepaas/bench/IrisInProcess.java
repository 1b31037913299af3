package io.jdeepaas.bench;

import io.jdeepaas.examples.iris.Iris;
import io.jdeepaas.runtime.engines.EngineSetup;
import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.WarmContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;

/**
 * The in-process half of {@code bench/run.sh}'s {@code iris_http_overhead_ms}: warms {@code iris}
 * (PyTorch, the runtime's engine set-up) in this JVM and calls its {@code predict} directly with the
 * flower the HTTP run posts, one call at a time; prints {@code p50_us}, {@code p99_us} and
 * {@code mean_us} lines.
 *
 * <p>Arguments: {@code engineCache seconds}: timed calls run for about that long, after warm-up
 * calls for a third of it.
 */
public final class IrisInProcess {

    private static final Map<String, Object> FLOWER = Map.of(
            "sepal_length", 6.7, "sepal_width", 3.0, "petal_length", 5.2, "petal_width", 2.3);

    private IrisInProcess() {
    }

    /**
     * @param args engine cache folder, seconds of timed calls
     * @throws Exception when the model fails
     */
    public static void main(String[] args) throws Exception {
        EngineSetup.prepare(Path.of(args[0]));
        double seconds = Double.parseDouble(args[1]);
        Path data = Files.createTempDirectory("iris-in-process");
        try (Iris iris = new Iris()) {
            iris.warm(new WarmContext(Device.cpu(), data, Map.of(), System.getLogger("bench")));
            PredictRequest request = PredictRequest.of(FLOWER);
            long warmUntil = System.nanoTime() + (long) (seconds / 3 * 1e9);
            while (System.nanoTime() < warmUntil) {
                iris.predict(request);
            }
            long[] nanos = new long[1 << 16];
            int n = 0;
            long end = System.nanoTime() + (long) (seconds * 1e9);
            while (System.nanoTime() < end) {
                long t0 = System.nanoTime();
                iris.predict(request);
                long took = System.nanoTime() - t0;
                if (n == nanos.length) {
                    nanos = Arrays.copyOf(nanos, n * 2);
                }
                nanos[n++] = took;
            }
            long[] sorted = Arrays.copyOf(nanos, n);
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "calls %d%n", n);
            System.out.printf(Locale.ROOT, "p50_us %.1f%n", sorted[n / 2] / 1e3);
            System.out.printf(Locale.ROOT, "p99_us %.1f%n", sorted[Math.min(n - 1, (int) (n * 0.99))] / 1e3);
            System.out.printf(Locale.ROOT, "mean_us %.1f%n", Arrays.stream(sorted).average().orElse(0) / 1e3);
        } finally {
            try (var paths = Files.walk(data)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
