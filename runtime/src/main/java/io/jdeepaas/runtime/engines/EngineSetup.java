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
 * Prepares DJL: offline mode and an engine cache folder under the runtime's control at start-up
 * (cheap: no engine is touched), and the TensorFlow native libraries extracted from their Maven
 * jar only when a model on TensorFlow first needs them. A runtime serving only plain-Java modules
 * extracts and loads no engine at all: DJL extracts PyTorch's natives itself on its first
 * {@code Engine.getEngine("PyTorch")}, which only a PyTorch model's warm (or the debug route) asks for.
 *
 * <pre>{@code
 * EngineSetup engines = EngineSetup.prepare(EngineSetup.userCache());
 * engines.problem("TensorFlow").ifPresent(message -> markFailed(model, message)); // extracts TF on first call
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
    /** The set-up of this process, asked before an engine loads ({@link #beforeLoading}). */
    private static volatile EngineSetup current;

    private final Path cacheDir;
    private final String engineCacheDir;
    private boolean tensorflowPrepared; // guarded by this
    private volatile String tensorflowLibraries;
    private volatile String tensorflowSource = "not needed yet";
    private volatile String tensorflowError;

    private EngineSetup(Path cacheDir, String engineCacheDir) {
        this.cacheDir = cacheDir;
        this.engineCacheDir = engineCacheDir;
    }

    /**
     * @return the engine cache a runtime uses unless told otherwise: {@code $XDG_CACHE_HOME/jdeepaas/engines},
     *     else {@code ~/.cache/jdeepaas/engines}, so that runtimes and CLI runs in any folder share one copy
     */
    public static Path userCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("jdeepaas").resolve("engines");
    }

    /**
     * Sets DJL up without touching any engine: {@code ai.djl.offline=true}; one intra-op thread per
     * PyTorch call unless {@code -Dai.djl.pytorch.num_threads} says otherwise (the runtime runs
     * several predictions at once, and OpenMP threads competing for few cores made a small training
     * ten times slower here); DJL's engine cache (where PyTorch extracts its natives, on first use)
     * in {@code cacheDir} unless {@code ENGINE_CACHE_DIR} is already set. The TensorFlow libraries
     * are extracted later, on the first {@link #problem(String) problem("TensorFlow")},
     * {@link #describe()} or {@link EngineInfo} call about TensorFlow, into
     * {@code cacheDir/tensorflow/VERSION-FLAVOR/} (once; later runs reuse a complete copy) and named
     * in the {@code TENSORFLOW_LIBRARY_PATH} system property, unless that variable is already set by
     * the user. A later call in the same process keeps the libraries the first one prepared, since
     * DJL loads natives once per process.
     *
     * @param cacheDir a folder the runtime owns, e.g. {@link #userCache()}; nothing is written
     *     there until a model needs an engine
     * @return the set-up; never throws for an engine that cannot be prepared
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
        EngineSetup setup = new EngineSetup(cache, engineCache);
        current = setup;
        return setup;
    }

    /**
     * Called before an engine is loaded in this process: prepares what that engine needs first.
     *
     * @param engineName the engine as DJL names it, or {@code null}
     */
    static void beforeLoading(String engineName) {
        EngineSetup setup = current;
        if (setup != null && TENSORFLOW.equals(engineName)) {
            setup.prepareTensorFlow();
        }
    }

    /** Extracts the TensorFlow libraries once (or takes the user's), recording a failure instead of throwing. */
    private synchronized void prepareTensorFlow() {
        if (tensorflowPrepared) {
            return;
        }
        tensorflowPrepared = true;
        String userPath = System.getenv(TF_PATH) != null ? System.getenv(TF_PATH) : System.getProperty(TF_PATH);
        if (userPath != null && userPath.equals(preparedPath)) {
            tensorflowLibraries = userPath;
            tensorflowSource = "prepared earlier in this process";
            return;
        }
        if (userPath != null) {
            LOG.log(System.Logger.Level.INFO, "engines: TensorFlow libraries from {0}={1} (set by the user)",
                    TF_PATH, userPath);
            tensorflowLibraries = userPath;
            tensorflowSource = TF_PATH + " set by the user";
            return;
        }
        long start = System.nanoTime();
        try {
            TensorFlowNatives natives = TensorFlowNatives.find(EngineSetup.class.getClassLoader());
            Path dir = natives.extractTo(cacheDir);
            System.setProperty(TF_PATH, dir.toString());
            preparedPath = dir.toString();
            LOG.log(System.Logger.Level.INFO, "engines: TensorFlow {0} ({1}) libraries ready in {2} ({3} ms)",
                    natives.version(), natives.flavor(), dir, (System.nanoTime() - start) / 1_000_000);
            tensorflowLibraries = dir.toString();
            tensorflowSource = "extracted from tensorflow-native-" + natives.flavor() + " " + natives.version();
        } catch (Exception | LinkageError e) {
            String message = "TensorFlow native libraries could not be prepared in " + cacheDir + ": " + e.getMessage();
            LOG.log(System.Logger.Level.WARNING, "engines: " + message, e);
            tensorflowSource = "none";
            tensorflowError = message;
        }
    }

    /**
     * Why models on an engine cannot work, known before they warm.
     *
     * @param engineName the engine as DJL names it, or {@code null}
     * @return a message for the model's {@code failed} state, or empty when nothing is known wrong
     */
    public Optional<String> problem(String engineName) {
        if (TENSORFLOW.equals(engineName)) {
            prepareTensorFlow();
        }
        if (TENSORFLOW.equals(engineName) && tensorflowError != null) {
            return Optional.of(tensorflowError);
        }
        return Optional.empty();
    }

    /** @return the folder given to {@link #prepare} */
    public Path cacheDir() {
        return cacheDir;
    }

    /** @return the folder holding the TensorFlow libraries, or empty when they are not prepared (yet) */
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
        prepareTensorFlow(); // the engines below are loaded
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
