package io.jdeepaas.bench;

import io.jdeepaas.examples.digits.Digits;
import io.jdeepaas.examples.iris.Iris;
import io.jdeepaas.examples.tfiris.TfIris;
import io.jdeepaas.runtime.engines.EngineInfo;
import io.jdeepaas.runtime.engines.EngineSetup;
import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.UploadedFile;
import io.jdeepaas.spi.WarmContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Predict latency of the engine-backed example modules, in one run: in-process (each call goes
 * straight to the module's {@code predict}: predictor pool, DJL predictor, engine) and then over
 * HTTP against the real server started in this JVM (parsing, validation, worker pool, JSON or
 * multipart, loopback). Run with {@code bench/engines/run.sh}.
 *
 * <p>Arguments: {@code [engine cache folder] [calls per case]}.
 */
public final class EnginesBench {

    private static final Map<String, Object> ONE = Map.of(
            "sepal_length", 6.7, "sepal_width", 3.0, "petal_length", 5.2, "petal_width", 2.3);

    private EnginesBench() {
    }

    /**
     * @param args engine cache folder (default {@code runtime/target/test-engines}), calls per case
     *     (default 5000)
     * @throws Exception when a model fails
     */
    public static void main(String[] args) throws Exception {
        Path cache = Path.of(args.length > 0 ? args[0] : "runtime/target/test-engines");
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 5000;
        EngineSetup.prepare(cache);
        Path data = Files.createTempDirectory("engines-bench");
        List<Double> thirty = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            thirty.addAll(List.of(5.0 + i * 0.05, 3.0, 1.5 + i * 0.15, 0.2 + i * 0.07));
        }
        Map<String, Object> batch = Map.of("rows", thirty);

        System.out.printf(Locale.ROOT, "jDEEPaaS engines bench: %d calls per case after %d warm-up calls, %d cores,"
                + " PyTorch %s (intra-op threads %s), TensorFlow %s, load average %.1f%n", calls, calls / 5,
                Runtime.getRuntime().availableProcessors(), EngineInfo.version("PyTorch").orElse("?"),
                System.getProperty("ai.djl.pytorch.num_threads"), EngineInfo.version("TensorFlow").orElse("?"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "%-10s %-10s %-22s %7s %9s %9s %9s %9s %11s%n",
                "model", "path", "case", "threads", "mean_us", "p50_us", "p90_us", "p99_us", "calls/s");
        try {
            inProcessThenHttp(data, cache, calls, batch);
        } finally {
            try (var paths = Files.walk(data)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void inProcessThenHttp(Path data, Path cache, int calls, Map<String, Object> batch) throws Exception {
        byte[] seven = DigitsPng.render(7, 64);
        Path sevenFile = Files.write(data.resolve("seven.png"), seven);
        Map<String, Object> digit = Map.of("image", new UploadedFile("seven.png", "image/png", sevenFile, seven.length),
                "top_k", 3L);
        try (Iris iris = new Iris(); TfIris tfIris = new TfIris(); Digits digits = new Digits()) {
            iris.warm(context(data.resolve("iris")));
            tfIris.warm(context(data.resolve("tf-iris")));
            digits.warm(context(data.resolve("digits")));
            for (ModelEntryPoint model : List.of(iris, tfIris)) {
                run(model, "1 flower", ONE, 1, calls);
                run(model, "1 flower", ONE, 2, calls);
                run(model, "30 flowers (rows)", batch, 1, calls / 5);
            }
            run(digits, "1 PNG 64x64", digit, 1, calls / 5);
        }
        HttpBench.run(data.resolve("server"), cache, calls, seven);
    }

    private static WarmContext context(Path dir) throws Exception {
        return new WarmContext(Device.cpu(), Files.createDirectories(dir), Map.of(), System.getLogger("bench"));
    }

    private static void run(ModelEntryPoint model, String label, Map<String, Object> values, int threads, int calls)
            throws Exception {
        PredictRequest request = PredictRequest.of(values);
        time(model.name(), "in-process", label, () -> model.predict(request), threads, calls);
    }

    /** Times {@code calls} calls of {@code call} over {@code threads} threads after {@code calls/5} warm-up calls. */
    static void time(String model, String path, String label, java.util.concurrent.Callable<?> call, int threads,
                     int calls) throws Exception {
        for (int i = 0; i < calls / 5; i++) {
            call.call();
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            int perThread = calls / threads;
            long start = System.nanoTime();
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    long[] nanos = new long[perThread];
                    for (int i = 0; i < perThread; i++) {
                        long t0 = System.nanoTime();
                        call.call();
                        nanos[i] = System.nanoTime() - t0;
                    }
                    return nanos;
                }));
            }
            long[] all = new long[perThread * threads];
            for (int t = 0; t < threads; t++) {
                System.arraycopy(futures.get(t).get(), 0, all, t * perThread, perThread);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Arrays.sort(all);
            double mean = Arrays.stream(all).average().orElse(0) / 1e3;
            System.out.printf(Locale.ROOT, "%-10s %-10s %-22s %7d %9.1f %9.1f %9.1f %9.1f %11.0f%n", model, path,
                    label, threads, mean, pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), all.length / seconds);
        } finally {
            pool.shutdownNow();
        }
    }

    private static double pct(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.floor(q * sorted.length))] / 1e3;
    }
}
