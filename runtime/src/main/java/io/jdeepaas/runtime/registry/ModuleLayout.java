package io.jdeepaas.runtime.registry;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What one {@code --module-path} entry holds, module by module. Each module gets its own
 * {@link ModuleClassLoader}.
 *
 * <ul>
 *   <li>A jar is one module: the jar, plus the jars its manifest's {@code Class-Path} names (a thin
 *       jar), or with its libraries inside (a fat, shaded jar).</li>
 *   <li>A folder with {@code META-INF/services} (a classes folder, e.g. {@code target/classes}) is one
 *       module: the folder, plus every jar in its {@code lib/} sub-folder.</li>
 *   <li>Any other folder holds several modules: each jar in it is a module of its own, and each
 *       sub-folder is one module made of its classes (when it has {@code META-INF/services}), its
 *       jars and the jars in its {@code lib/} (e.g. {@code sentiment/sentiment.jar} with
 *       {@code sentiment/lib/commons-lang3-3.14.0.jar}).</li>
 * </ul>
 */
public final class ModuleLayout {

    /**
     * One module's locations.
     *
     * @param location the jar or folder that is the module, for messages
     * @param urls its jars and folders, the module's own first
     */
    public record ModuleSource(Path location, List<URL> urls) {
    }

    private ModuleLayout() {
    }

    /**
     * @param entry a module path entry
     * @return the modules it holds, in file-name order
     * @throws StartupException when it does not exist or cannot be read
     */
    public static List<ModuleSource> modulesOf(Path entry) {
        if (!Files.exists(entry)) {
            throw new StartupException("module path entry " + entry + " does not exist");
        }
        try {
            if (!Files.isDirectory(entry)) {
                return List.of(new ModuleSource(entry, List.of(url(entry))));
            }
            if (isClassesFolder(entry)) {
                return List.of(folderModule(entry));
            }
            List<ModuleSource> modules = new ArrayList<>();
            for (Path child : list(entry)) {
                if (Files.isDirectory(child)) {
                    ModuleSource module = folderModule(child);
                    if (!module.urls().isEmpty()) {
                        modules.add(module);
                    }
                } else if (isJar(child)) {
                    modules.add(new ModuleSource(child, List.of(url(child))));
                }
            }
            return modules;
        } catch (IOException e) {
            throw new StartupException("cannot read module path entry " + entry + ": " + e.getMessage(), e);
        }
    }

    private static ModuleSource folderModule(Path folder) throws IOException {
        List<URL> urls = new ArrayList<>();
        if (isClassesFolder(folder)) {
            urls.add(url(folder));
        }
        for (Path jar : list(folder)) {
            if (isJar(jar)) {
                urls.add(url(jar));
            }
        }
        Path lib = folder.resolve("lib");
        if (Files.isDirectory(lib)) {
            for (Path jar : list(lib)) {
                if (isJar(jar)) {
                    urls.add(url(jar));
                }
            }
        }
        return new ModuleSource(folder, List.copyOf(urls));
    }

    private static boolean isClassesFolder(Path folder) {
        return Files.isDirectory(folder.resolve("META-INF").resolve("services"));
    }

    private static boolean isJar(Path file) {
        return Files.isRegularFile(file) && file.getFileName().toString().endsWith(".jar");
    }

    private static List<Path> list(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new StartupException("module path entry " + path + " is not a valid location", e);
        }
    }
}
