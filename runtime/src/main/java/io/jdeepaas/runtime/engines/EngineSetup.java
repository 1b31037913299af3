package io.jdeepaas.runtime.engines;

import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Prepares DJL once, before any module loads: offline mode, an engine cache folder under the
 * runtime's control, and the TensorFlow native libraries extracted from their Maven jar.
 *
 * <pre>{@code
 * EngineSetup engines = EngineSetup.prepare(dataDir.resolve("engines"));
 * engines.problem("TensorFlow").ifPresent(message -> markFailed(model, message));
 * }</pre>
 *
 * <p>Preparation never throws: a TensorFlow set-up failure is recorded and reported by
 * {@link #problem(String)} and {@link #describe()}, so PyTorch models still serve.
 */
public final class EngineSetup {

    /** The engine whose natives this class extracts. */
    public static final String TENSORFLOW = "TensorFlow";

    private static final System.Logger LOG = System.getLogger(EngineSetup.class.getName());
    private static final String TF_PATH = "TENSORFLOW_LIBRARY_PATH";
    private static final String CACHE = "ENGINE_CACHE_DIR";
    private static final String PT_THREADS = "ai.djl.pytorch.num_threads";

    /** The TensorFlow folder a previous call set, if any: DJL loads natives once per process. */
    private static volatile String preparedPath;

    private final Path cacheDir;
    private final String engineCacheDir;
    private final String tensorflowLibraries;
    private final String tensorflowSource;
    private final String tensorflowError;

    private EngineSetup(Path cacheDir, String engineCacheDir, String tfLibraries, String tfSource, String tfError) {
        this.cacheDir = cacheDir;
        this.engineCacheDir = engineCacheDir;
        this.tensorflowLibraries = tfLibraries;
        this.tensorflowSource = tfSource;
        this.tensorflowError = tfError;
    }

    /**
     * Sets DJL up: {@code ai.djl.offline=true}; one intra-op thread per PyTorch call unless
     * {@code -Dai.djl.pytorch.num_threads} says otherwise (the runtime runs several predictions
     * at once, and OpenMP threads competing for few cores made a small training ten times slower
     * here); DJL's engine cache (where PyTorch extracts its
     * natives) in {@code cacheDir} unless {@code ENGINE_CACHE_DIR} is already set; the TensorFlow
     * libraries extracted into {@code cacheDir/tensorflow/VERSION-FLAVOR/} (once; later calls
     * reuse a complete copy) and named in the {@code TENSORFLOW_LIBRARY_PATH} system property,
     * unless that variable is already set by the user. Call once, before any module loads; a
     * later call in the same process keeps the libraries the first one prepared, since DJL loads
     * natives once per process.
     *
     * @param cacheDir a folder the runtime owns, e.g. {@code DATA_DIR/engines}
     * @return what was prepared; never throws for an engine that cannot be prepared
     */
    public static EngineSetup prepare(Path cacheDir) {
        Path cache = cacheDir.toAbsolutePath().normalize();
        System.setProperty("ai.djl.offline", "true");
        if (System.getProperty(PT_THREADS) == null) {
            System.setProperty(PT_THREADS, "1");
        }
        String engineCache = System.getenv(CACHE) != null ? System.getenv(CACHE) : System.getProperty(CACHE);
        if (engineCache == null) {
            engineCache = cache.toString();
            System.setProperty(CACHE, engineCache);
        }
        String userPath = System.getenv(TF_PATH) != null ? System.getenv(TF_PATH) : System.getProperty(TF_PATH);
        if (userPath != null && userPath.equals(preparedPath)) {
            return new EngineSetup(cache, engineCache, userPath, "prepared earlier in this process", null);
        }
        if (userPath != null) {
            LOG.log(System.Logger.Level.INFO, "engines: TensorFlow libraries from {0}={1} (set by the user)",
                    TF_PATH, userPath);
            return new EngineSetup(cache, engineCache, userPath, TF_PATH + " set by the user", null);
        }
        long start = System.nanoTime();
        try {
            TensorFlowNatives natives = TensorFlowNatives.find(EngineSetup.class.getClassLoader());
            Path dir = natives.extractTo(cache);
            System.setProperty(TF_PATH, dir.toString());
            preparedPath = dir.toString();
            LOG.log(System.Logger.Level.INFO, "engines: TensorFlow {0} ({1}) libraries ready in {2} ({3} ms)",
                    natives.version(), natives.flavor(), dir, (System.nanoTime() - start) / 1_000_000);
            return new EngineSetup(cache, engineCache, dir.toString(), "extracted from tensorflow-native-"
                    + natives.flavor() + " " + natives.version(), null);
        } catch (Exception | LinkageError e) {
            String message = "TensorFlow native libraries could not be prepared in " + cache + ": " + e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "engines: " + message, e);
            return new EngineSetup(cache, engineCache, null, "none", message);
        }
    }

    /**
     * Why models on an engine cannot work, known before they warm.
     *
     * @param engineName the engine as DJL names it, or {@code null}
     * @return a message for the model's {@code failed} state, or empty when nothing is known wrong
     */
    public Optional<String> problem(String engineName) {
        if (TENSORFLOW.equals(engineName) && tensorflowError != null) {
            return Optional.of(tensorflowError);
        }
        return Optional.empty();
    }

    /** @return the folder given to {@link #prepare} */
    public Path cacheDir() {
        return cacheDir;
    }

    /** @return the folder holding the TensorFlow libraries, or empty when they are not prepared */
    public Optional<Path> tensorflowLibraries() {
        return Optional.ofNullable(tensorflowLibraries).map(Path::of);
    }

    /**
     * What DJL knows now, for a debug route: offline flag, cache folders, GPU count, and for each
     * engine on the classpath its version and GPU count (loading it if it was not loaded yet) or the
     * error that keeps it from loading.
     *
     * @return JSON-able facts
     */
    public Map<String, Object> describe() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("djl_version", Engine.getDjlVersion());
        info.put("offline", Boolean.getBoolean("ai.djl.offline"));
        info.put("cache_dir", cacheDir.toString());
        info.put("engine_cache_dir", engineCacheDir);
        info.put("cuda_gpu_count", cudaGpus());
        info.put("pytorch_intra_op_threads", System.getProperty(PT_THREADS));
        Map<String, Object> tf = new LinkedHashMap<>();
        tf.put("library_path", tensorflowLibraries);
        tf.put("source", tensorflowSource);
        if (tensorflowError != null) {
            tf.put("error", tensorflowError);
        }
        info.put("tensorflow_natives", tf);
        List<Map<String, Object>> engines = new ArrayList<>();
        for (String name : new TreeSet<>(Engine.getAllEngines())) {
            engines.add(describeEngine(name));
        }
        info.put("engines", engines);
        return info;
    }

    private Map<String, Object> describeEngine(String name) {
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("name", name);
        Optional<String> problem = problem(name);
        if (problem.isPresent()) {
            engine.put("loaded", false);
            engine.put("error", problem.get());
            return engine;
        }
        try {
            Engine loaded = Engine.getEngine(name);
            engine.put("loaded", true);
            engine.put("version", loaded.getVersion());
            engine.put("gpu_count", loaded.getGpuCount());
        } catch (RuntimeException | LinkageError e) {
            engine.put("loaded", false);
            engine.put("error", String.valueOf(e.getMessage()));
        }
        return engine;
    }

    private static int cudaGpus() {
        try {
            return CudaUtils.getGpuCount();
        } catch (RuntimeException | LinkageError e) {
            return 0;
        }
    }
}
