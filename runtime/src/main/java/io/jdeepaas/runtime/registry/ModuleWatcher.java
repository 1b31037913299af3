package io.jdeepaas.runtime.registry;

import io.jdeepaas.spi.ModelEntryPoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dev mode ({@code --watch}): polls the module path, and when a module's jar or classes folder has
 * changed and then stayed the same for one more poll (a build has finished writing it), discovers
 * that module again in a new class loader, warms the new code beside the old, swaps it in, and
 * closes the old code and its loader once its running calls have ended. A reload that fails leaves
 * the old code serving. Only models served since start-up are reloaded. After a reload that swapped
 * code in, it calls its listener (the server rebuilds the OpenAPI document from the new declarations).
 */
public final class ModuleWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleWatcher.class);
    private static final Duration DRAIN = Duration.ofSeconds(10);

    private final List<Path> modulePath;
    private final ModuleDiscovery discovery;
    private final Predicate<String> selected;
    private final Map<String, ModelHandle> handles = new HashMap<>();
    private final ModelWarmer warmer;
    private final Duration interval;
    private final Runnable reloaded;
    private final Map<Path, String> seen = new HashMap<>();
    private final Map<Path, String> changing = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    private ModuleWatcher(List<Path> modulePath, ModuleDiscovery discovery, Predicate<String> selected,
                          Collection<ModelHandle> served, ModelWarmer warmer, Duration interval, Runnable reloaded) {
        this.modulePath = modulePath;
        this.reloaded = reloaded;
        this.discovery = discovery;
        this.selected = selected;
        served.forEach(h -> handles.put(h.name(), h));
        this.warmer = warmer;
        this.interval = interval;
        poll(false);
        this.thread = new Thread(this::run, "module-watch");
        thread.setDaemon(true);
    }

    /**
     * Starts watching.
     *
     * @param modulePath the module path entries
     * @param discovery discovers a changed module again
     * @param selected the {@code --model-name} filter
     * @param served the served models
     * @param warmer warms the new code and closes the old
     * @param interval how often to look
     * @param reloaded called after a reload that swapped new code in
     * @return the running watcher
     */
    public static ModuleWatcher start(List<Path> modulePath, ModuleDiscovery discovery, Predicate<String> selected,
                                      Collection<ModelHandle> served, ModelWarmer warmer, Duration interval,
                                      Runnable reloaded) {
        ModuleWatcher watcher = new ModuleWatcher(modulePath, discovery, selected, served, warmer, interval, reloaded);
        watcher.thread.start();
        LOG.info("watching {} for changed modules every {} ms (--watch)", modulePath, interval.toMillis());
        return watcher;
    }

    private void run() {
        while (running) {
            try {
                Thread.sleep(interval.toMillis());
                poll(true);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("watching the module path failed: {}", e.getMessage());
            }
        }
    }

    private void poll(boolean reload) {
        for (Path entry : modulePath) {
            if (!Files.exists(entry)) {
                continue;
            }
            for (ModuleLayout.ModuleSource module : ModuleLayout.modulesOf(entry)) {
                String fingerprint = fingerprint(module);
                String before = seen.put(module.location(), fingerprint);
                if (!reload || before == null) {
                    continue;
                }
                if (!fingerprint.equals(before)) {
                    changing.put(module.location(), fingerprint);
                } else if (fingerprint.equals(changing.remove(module.location()))) {
                    reload(module);
                }
            }
        }
    }

    private void reload(ModuleLayout.ModuleSource module) {
        long start = System.nanoTime();
        Map<String, DiscoveredModel> found = discovery.discover(module, selected);
        boolean swapped = false;
        for (DiscoveredModel model : found.values()) {
            String name = model.entryPoint().name();
            ModelHandle served = handles.get(name);
            if (served == null) {
                LOG.warn("model={} appeared in {}; restart the runtime to serve a new model", name, module.location());
                continue;
            }
            if (!model.usable()) {
                LOG.warn("model={} reload from {} failed, the old code keeps serving: {}", name, module.location(),
                        model.failure());
                continue;
            }
            ModelHandle fresh = new ModelHandle(model);
            warmer.warm(fresh);
            if (!fresh.isReady()) {
                LOG.warn("model={} reload from {} failed to warm, the old code keeps serving: {}", name,
                        module.location(), fresh.status().error());
                close(fresh.module());
                continue;
            }
            ModelWrapper old = served.swap(fresh);
            swapped = true;
            LOG.info("model={} reloaded from {} in {} ms (--watch)", name, module.location(),
                    (System.nanoTime() - start) / 1_000_000);
            retire(served, old.module());
        }
        if (swapped) {
            reloaded.run();
        }
    }

    /** Closes replaced code once the calls into the model have ended (at most {@link #DRAIN}). */
    private static void retire(ModelHandle served, ModelEntryPoint old) {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (served.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        close(old);
    }

    private static void close(ModelEntryPoint module) {
        ClassLoader loader = module.getClass().getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            module.close();
        } catch (Exception e) {
            LOG.warn("model={} closing the replaced code failed: {}", module.name(), e.getMessage());
        } finally {
            thread.setContextClassLoader(previous);
        }
        if (loader instanceof ModuleClassLoader moduleLoader) {
            try {
                moduleLoader.close();
            } catch (IOException e) {
                LOG.warn("closing the class loader of the replaced {} failed: {}", module.name(), e.getMessage());
            }
        }
    }

    /** @return sizes and modification times of every file of the module, as one string */
    private static String fingerprint(ModuleLayout.ModuleSource module) {
        StringBuilder print = new StringBuilder();
        for (URL url : module.urls()) {
            Path path;
            try {
                path = Path.of(url.toURI());
            } catch (URISyntaxException e) {
                continue;
            }
            try (Stream<Path> files = Files.isDirectory(path) ? Files.walk(path) : Stream.of(path)) {
                files.filter(Files::isRegularFile).sorted().forEach(file -> {
                    try {
                        print.append(file).append(':').append(Files.size(file)).append(':')
                                .append(Files.getLastModifiedTime(file).toMillis()).append(';');
                    } catch (IOException e) {
                        print.append(file).append(":gone;");
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (UncheckedIOException e) {
                print.append(path).append(":unreadable;");
            }
        }
        return print.toString();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
