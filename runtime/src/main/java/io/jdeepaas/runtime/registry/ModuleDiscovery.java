package io.jdeepaas.runtime.registry;

import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelName;
import io.jdeepaas.spi.ModelProvider;
import io.jdeepaas.spi.ProviderContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds entry points and providers named in {@code META-INF/services} files: on the runtime's own
 * classpath, and in each module of the module path (see {@link ModuleLayout}), each loaded in a
 * {@link ModuleClassLoader} of its own.
 *
 * <p>Failures stay local: a services line naming a missing class, a class that cannot be created or
 * lacks a dependency, an invalid name, a bad declaration ({@link DeclarationChecks}) or two modules
 * with one name make that module (both, for a duplicate) a model in state {@code failed} with one
 * message naming the class and the jar; the others are served.
 *
 * <p>A selection ({@code --model-name}) is applied before a class is created when the class names its
 * model in a {@link ModelName} annotation: an unselected one is never constructed.
 */
public final class ModuleDiscovery {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleDiscovery.class);

    private final ProviderContext providerContext;
    private final List<ModuleClassLoader> loaders = new ArrayList<>();

    public ModuleDiscovery(ProviderContext providerContext) {
        this.providerContext = providerContext;
    }

    /** An entry point, or a failure, together with the class and jar it came from. */
    private record Found(ModelEntryPoint entryPoint, String className, String location, String failure,
                         String annotatedName, java.util.concurrent.Callable<ModelEntryPoint> instances) {
        Found(ModelEntryPoint entryPoint, String className, String location, String failure) {
            this(entryPoint, className, location, failure, null, null);
        }

        String origin() {
            return className + " in " + location;
        }
    }

    /**
     * Discovers every model.
     *
     * @param modulePath jars, or folders of classes or of jars
     * @return the models by name, in name order; unusable ones are {@link DiscoveredModel#failed}
     * @throws StartupException on an unreadable module path entry
     */
    public Map<String, DiscoveredModel> discover(List<Path> modulePath) {
        return discover(modulePath, name -> true);
    }

    /**
     * Discovers the selected models. A failure whose model name cannot be known (the class is
     * missing or cannot be created) is served as failed under a name made from its jar, unless a
     * selection leaves that name out: then it is only logged.
     *
     * @param modulePath jars, or folders of classes or of jars
     * @param selected which model names to keep
     * @return the selected models by name, in name order
     * @throws StartupException on an unreadable module path entry
     */
    public Map<String, DiscoveredModel> discover(List<Path> modulePath, Predicate<String> selected) {
        List<Found> found = new ArrayList<>();
        ClassLoader runtimeLoader = ModuleDiscovery.class.getClassLoader();
        found.addAll(load(runtimeLoader, false, selected));
        for (Path entry : modulePath) {
            for (ModuleLayout.ModuleSource module : ModuleLayout.modulesOf(entry)) {
                found.addAll(load(loaderFor(module), true, selected));
            }
        }
        return name(found, selected);
    }

    /**
     * Discovers the models of one module again, in a new class loader (dev mode's reload).
     *
     * @param module the module's jars and folders
     * @param selected which model names to keep
     * @return its selected models by name
     */
    public Map<String, DiscoveredModel> discover(ModuleLayout.ModuleSource module, Predicate<String> selected) {
        return name(load(newLoader(module), true, selected), selected);
    }

    private ModuleClassLoader loaderFor(ModuleLayout.ModuleSource module) {
        ModuleClassLoader loader = newLoader(module);
        loaders.add(loader);
        return loader;
    }

    private static ModuleClassLoader newLoader(ModuleLayout.ModuleSource module) {
        return new ModuleClassLoader("module:" + module.location().getFileName(),
                module.urls().toArray(java.net.URL[]::new), ModuleDiscovery.class.getClassLoader());
    }

    /** @return the class loaders made for the module path at start-up (not those of dev-mode reloads) */
    public List<ModuleClassLoader> loaders() {
        return List.copyOf(loaders);
    }

    private Map<String, DiscoveredModel> name(List<Found> found, Predicate<String> selected) {
        Map<String, List<Found>> byName = new TreeMap<>();
        List<Found> nameless = new ArrayList<>();
        for (Found one : found) {
            if (one.failure() != null) {
                nameless.add(one);
                continue;
            }
            String name;
            try {
                name = one.entryPoint().name();
            } catch (RuntimeException | LinkageError e) {
                nameless.add(new Found(null, one.className(), one.location(), one.origin()
                        + " failed to tell its name: " + Failures.describe(e)));
                continue;
            }
            String annotationProblem = DeclarationChecks.annotationProblem(one.entryPoint(), name);
            if (annotationProblem != null) {
                nameless.add(new Found(null, one.className(), one.location(), one.origin() + " has "
                        + annotationProblem));
                continue;
            }
            String nameProblem = DeclarationChecks.nameProblem(name);
            if (nameProblem != null) {
                nameless.add(new Found(null, one.className(), one.location(), one.origin() + " has " + nameProblem));
                continue;
            }
            byName.computeIfAbsent(name, k -> new ArrayList<>()).add(one);
        }
        Map<String, DiscoveredModel> models = new TreeMap<>();
        byName.forEach((name, all) -> {
            if (!selected.test(name)) {
                return;
            }
            if (all.size() > 1) {
                String message = all.size() + " modules are named '" + name + "': "
                        + String.join(" and ", all.stream().map(Found::origin).toList())
                        + "; rename one (its @ModelName or name()) or take one off the module path";
                LOG.error("model={} state=failed reason=\"{}\"", name, message);
                models.put(name, DiscoveredModel.failed(name, all.get(0).location(), message));
                return;
            }
            Found one = all.get(0);
            List<String> problems = DeclarationChecks.problems(one.entryPoint());
            if (!problems.isEmpty()) {
                String message = one.origin() + " declares " + String.join("; ", problems);
                LOG.error("model={} state=failed reason=\"{}\"", name, message);
                models.put(name, DiscoveredModel.failed(name, one.location(), message));
                return;
            }
            models.put(name, new DiscoveredModel(one.entryPoint(), one.location(), null, one.instances()));
        });
        for (Found failure : nameless) {
            String name = fallbackName(failure, models, byName);
            if (selected.test(name)) {
                LOG.error("model={} state=failed reason=\"{}\"", name, failure.failure());
                models.put(name, DiscoveredModel.failed(name, failure.location(), failure.failure()));
            } else {
                LOG.warn("not served (not selected by --model-name): {}", failure.failure());
            }
        }
        return new LinkedHashMap<>(models);
    }

    /**
     * @return a model name for a module that could not tell its name: its {@link ModelName}, else its
     *         jar's name, else with its class
     */
    private static String fallbackName(Found failure, Map<String, DiscoveredModel> models,
                                       Map<String, List<Found>> named) {
        if (failure.annotatedName() != null && DeclarationChecks.nameProblem(failure.annotatedName()) == null
                && !models.containsKey(failure.annotatedName())) {
            return failure.annotatedName();
        }
        String file = Path.of(failure.location()).getFileName() == null ? "module"
                : Path.of(failure.location()).getFileName().toString().replaceFirst("\\.jar$", "");
        String simple = failure.className().substring(failure.className().lastIndexOf('.') + 1);
        for (String candidate : List.of(sanitize(file), sanitize(file + "-" + simple), sanitize(failure.className()))) {
            if (!models.containsKey(candidate) && !named.containsKey(candidate)) {
                return candidate;
            }
        }
        return sanitize(failure.className()) + "-" + models.size();
    }

    private static String sanitize(String text) {
        String name = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        return name.isEmpty() ? "module" : name;
    }

    private List<Found> load(ClassLoader loader, boolean ownOnly, Predicate<String> selected) {
        List<Found> found = new ArrayList<>();
        for (ServiceFiles.Declaration declared : ServiceFiles.read(loader, ModelEntryPoint.class, ownOnly)) {
            String annotated = annotatedName(loader, declared.className());
            if (annotated != null && !selected.test(annotated)) {
                LOG.debug("not created (not selected by --model-name): {} in {}, @ModelName(\"{}\")",
                        declared.className(), declared.location(), annotated);
                continue;
            }
            try {
                ModelEntryPoint entryPoint = create(loader, declared, ModelEntryPoint.class);
                found.add(new Found(entryPoint, declared.className(), declared.location(), null, annotated,
                        () -> create(loader, declared, ModelEntryPoint.class)));
            } catch (Unusable e) {
                found.add(new Found(null, declared.className(), declared.location(), e.getMessage(), annotated, null));
            }
        }
        for (ServiceFiles.Declaration declared : ServiceFiles.read(loader, ModelProvider.class, ownOnly)) {
            try {
                found.addAll(fromProvider(loader, declared, create(loader, declared, ModelProvider.class)));
            } catch (Unusable e) {
                found.add(failure(declared, e.getMessage()));
            }
        }
        return found;
    }

    /**
     * @return the name a declared class gives in its {@link ModelName}, read without initialising or
     *         creating it; {@code null} without one or when the class cannot be loaded (creating it reports why)
     */
    private static String annotatedName(ClassLoader loader, String className) {
        try {
            ModelName declared = Class.forName(className, false, loader).getAnnotation(ModelName.class);
            return declared == null ? null : declared.value();
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return null;
        }
    }

    /** Why a declared class cannot be used, as a message naming the class and its jar. */
    private static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    private static <T> T create(ClassLoader loader, ServiceFiles.Declaration declared, Class<T> service)
            throws Unusable {
        String origin = declared.className() + " in " + declared.location();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> type;
            try {
                type = Class.forName(declared.className(), false, loader);
            } catch (ClassNotFoundException e) {
                throw new Unusable(declared.location() + " lists " + declared.className() + " in META-INF/services/"
                        + service.getName() + ", but holds no such class: correct the services file or the class name");
            }
            if (!service.isAssignableFrom(type)) {
                throw new Unusable(origin + " is listed in META-INF/services/" + service.getName()
                        + " but does not implement " + service.getName());
            }
            java.lang.reflect.Constructor<?> constructor;
            try {
                constructor = type.getConstructor();
            } catch (NoSuchMethodException e) {
                throw new Unusable(origin + " has no public no-argument constructor");
            }
            return service.cast(constructor.newInstance());
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new Unusable(origin + " could not be created: " + Failures.describe(e.getCause()));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new Unusable(origin + " could not be created: " + Failures.describe(e));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** @return a new instance of a provider's model, for a second version served beside the first */
    private ModelEntryPoint another(ClassLoader loader, ModelProvider provider, String name) throws Exception {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            return provider.entryPoints(providerContext).stream().filter(ep -> ep.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("provider " + provider.getClass().getName()
                            + " no longer lists model '" + name + "'"));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static Found failure(ServiceFiles.Declaration declared, String message) {
        return new Found(null, declared.className(), declared.location(), message);
    }

    private List<Found> fromProvider(ClassLoader loader, ServiceFiles.Declaration declared, ModelProvider provider) {
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            List<ModelEntryPoint> entryPoints = provider.entryPoints(providerContext);
            return entryPoints.stream().map(ep -> new Found(ep, declared.className(), declared.location(), null, null,
                    () -> another(loader, provider, ep.name()))).toList();
        } catch (Exception | LinkageError e) {
            LOG.error("provider {} from {} failed to list its models: {}", declared.className(), declared.location(),
                    e.getMessage(), e);
            return List.of(failure(declared, "provider " + declared.className() + " in " + declared.location()
                    + " failed to list its models: " + Failures.describe(e)));
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
