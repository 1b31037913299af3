package io.jdeepaas.runtime.registry;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The class loader of one module: its own jars and folders first, then the JDK; only the shared
 * packages ({@link #SHARED}) come from the runtime. A module therefore cannot see the runtime's
 * libraries (its Jackson, its slf4j binding, its {@code io.jdeepaas.runtime} classes) nor another
 * module's, and two modules may ship two versions of one library.
 *
 * <p>Shared with every module, because one copy must exist in the process: the SPI
 * ({@code io.jdeepaas.spi}, the contract itself), DJL ({@code ai.djl}, whose engines load their
 * native libraries once per process) with TensorFlow Java ({@code org.tensorflow}), and the slf4j
 * API ({@code org.slf4j}, so that a module's log lines reach the runtime's log). A module's own copy
 * of a shared package is ignored. Resources under those packages' folders, DJL's service files, its
 * engines' version files ({@code pytorch-engine.properties}) and native library folders
 * ({@code native/lib/}, {@code jnilib/}, {@code pytorch/}) are found in the runtime too, so an engine
 * first used by a module still finds its natives and their versions.
 */
public final class ModuleClassLoader extends URLClassLoader {

    /** Package prefixes every module shares with the runtime. */
    public static final List<String> SHARED = List.of("io.jdeepaas.spi.", "ai.djl.", "org.tensorflow.", "org.slf4j.");

    private static final List<String> SHARED_RESOURCES = List.of("io/jdeepaas/spi/", "ai/djl/", "org/tensorflow/",
            "org/slf4j/", "META-INF/services/ai.djl.", "native/lib/", "jnilib/", "pytorch/");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader runtime;

    /**
     * @param name the loader's name, shown in stack traces
     * @param urls the module's jars and folders
     * @param runtime the runtime's class loader, asked only for the shared packages
     */
    public ModuleClassLoader(String name, URL[] urls, ClassLoader runtime) {
        super(name, urls, ClassLoader.getPlatformClassLoader());
        this.runtime = runtime;
    }

    /**
     * @param className a class name
     * @return whether it belongs to a package shared with the runtime
     */
    public static boolean isShared(String className) {
        return SHARED.stream().anyMatch(className::startsWith);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return runtime.loadClass(name);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = getParent().loadClass(name);
                } catch (ClassNotFoundException e) {
                    loaded = findClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        URL url = findResource(name);
        if (url == null) {
            url = getParent().getResource(name);
        }
        if (url == null && sharedResource(name)) {
            url = runtime.getResource(name);
        }
        return url;
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
        urls.addAll(Collections.list(getParent().getResources(name)));
        if (sharedResource(name)) {
            urls.addAll(Collections.list(runtime.getResources(name)));
        }
        return Collections.enumeration(urls);
    }

    private static boolean sharedResource(String name) {
        String path = name.startsWith("/") ? name.substring(1) : name;
        return SHARED_RESOURCES.stream().anyMatch(path::startsWith)
                // DJL reads each engine's versions from a file at the root of its engine jar
                || (path.endsWith("-engine.properties") && path.indexOf('/') < 0);
    }
}
