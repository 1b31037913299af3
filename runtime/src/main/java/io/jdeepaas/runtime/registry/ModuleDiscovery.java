package io.jdeepaas.runtime.registry;

import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelProvider;
import io.jdeepaas.spi.ProviderContext;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds entry points and providers with {@link ServiceLoader}: on the runtime's own classpath, and
 * in each jar or folder of the module path, loaded in a class loader of its own.
 */
public final class ModuleDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleDiscovery.class);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private final ProviderContext providerContext;

    public ModuleDiscovery(ProviderContext providerContext) {
        this.providerContext = providerContext;
    }

    /**
     * Discovers every model.
     *
     * @param modulePath jars, or folders of classes or of jars
     * @return the models by name, in name order
     * @throws StartupException on an invalid or duplicate name, or an unreadable module path entry
     */
    public Map<String, DiscoveredModel> discover(List<Path> modulePath) {
        List<DiscoveredModel> found = new ArrayList<>();
        ClassLoader runtimeLoader = ModuleDiscovery.class.getClassLoader();
        found.addAll(load(runtimeLoader, null));
        for (Path entry : modulePath) {
            found.addAll(load(loaderFor(entry, runtimeLoader), entry));
        }
        Map<String, DiscoveredModel> byName = new java.util.TreeMap<>();
        for (DiscoveredModel model : found) {
            String name = model.entryPoint().name();
            if (name == null || !NAME.matcher(name).matches()) {
                throw new StartupException("module " + model.source() + " has an invalid model name '" + name
                        + "': use lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
            }
            DiscoveredModel previous = byName.putIfAbsent(name, model);
            if (previous != null) {
                throw new StartupException("two modules are named '" + name + "': " + previous.source() + " and "
                        + model.source() + "; remove one or serve one with --model-name");
            }
        }
        return new LinkedHashMap<>(byName);
    }

    private List<DiscoveredModel> load(ClassLoader loader, Path entry) {
        List<DiscoveredModel> found = new ArrayList<>();
        ServiceLoader.load(ModelEntryPoint.class, loader).stream()
                .filter(p -> entry == null || p.type().getClassLoader() == loader)
                .forEach(p -> found.add(new DiscoveredModel(instantiate(p), sourceOf(p.type(), entry))));
        ServiceLoader.load(ModelProvider.class, loader).stream()
                .filter(p -> entry == null || p.type().getClassLoader() == loader)
                .forEach(p -> found.addAll(fromProvider(instantiate(p), sourceOf(p.type(), entry))));
        return found;
    }

    private List<DiscoveredModel> fromProvider(ModelProvider provider, String source) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(provider.getClass().getClassLoader());
        try {
            return provider.entryPoints(providerContext).stream()
                    .map(ep -> new DiscoveredModel(ep, source + " (provider " + provider.getClass().getName() + ")"))
                    .toList();
        } catch (Exception e) {
            LOG.error("provider {} from {} failed to list its models: {}", provider.getClass().getName(), source,
                    e.getMessage(), e);
            return List.of();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static <T> T instantiate(ServiceLoader.Provider<T> provider) {
        try {
            return provider.get();
        } catch (java.util.ServiceConfigurationError e) {
            throw new StartupException("cannot create module class " + provider.type().getName() + ": "
                    + e.getMessage(), e);
        }
    }

    private static String sourceOf(Class<?> type, Path entry) {
        if (entry != null) {
            return entry.toString();
        }
        var codeSource = type.getProtectionDomain().getCodeSource();
        return codeSource == null ? type.getName() : codeSource.getLocation().getPath();
    }

    private static ClassLoader loaderFor(Path entry, ClassLoader parent) {
        if (!Files.exists(entry)) {
            throw new StartupException("module path entry " + entry + " does not exist");
        }
        List<URL> urls = new ArrayList<>();
        try {
            urls.add(entry.toUri().toURL());
            if (Files.isDirectory(entry)) {
                try (Stream<Path> jars = Files.list(entry)) {
                    for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                        urls.add(jar.toUri().toURL());
                    }
                }
            }
        } catch (MalformedURLException e) {
            throw new StartupException("module path entry " + entry + " is not a valid location", e);
        } catch (IOException e) {
            throw new StartupException("cannot read module path entry " + entry + ": " + e.getMessage(), e);
        }
        return new URLClassLoader("module:" + entry.getFileName(), urls.toArray(URL[]::new), parent);
    }
}
