package io.jdeepaas.runtime.engines;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Extracts the TensorFlow native libraries from the {@code tensorflow-native-cu121} jar on the
 * classpath into a cache folder, once. DJL refuses that jar on a machine without CUDA (a platform
 * mismatch) and would then try to download CPU libraries; the same libraries run fine on the CPU
 * when DJL is pointed at a folder holding them.
 *
 * <p>Extraction goes to a temporary folder beside the target, which is then moved into place, so
 * a target folder is either complete or absent; a {@value #MARKER} file inside it lists what was
 * extracted.
 */
final class TensorFlowNatives {

    /** The resource inside the native jar that locates it and describes its libraries. */
    static final String PROPERTIES = "native/lib/tensorflow.properties";

    /** The file written last into a complete folder. */
    static final String MARKER = ".complete";

    /** The JNI library DJL looks for in {@code TENSORFLOW_LIBRARY_PATH}. */
    static final String JNI_LIBRARY = System.mapLibraryName("jnitensorflow");

    private final URL properties;
    private final String version;
    private final String flavor;

    private TensorFlowNatives(URL properties, String version, String flavor) {
        this.properties = properties;
        this.version = version;
        this.flavor = flavor;
    }

    /**
     * Finds the native jar on a class loader.
     *
     * @param loader where to look
     * @return the natives found
     * @throws IllegalStateException when no TensorFlow native jar is on the classpath
     */
    static TensorFlowNatives find(ClassLoader loader) {
        URL url = loader.getResource(PROPERTIES);
        if (url == null) {
            throw new IllegalStateException("no TensorFlow native library jar (" + PROPERTIES
                    + ") on the classpath; the runtime's lib/ folder should hold tensorflow-native-cu121");
        }
        Properties props = new Properties();
        try (InputStream in = url.openStream()) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + url, e);
        }
        String version = props.getProperty("version", "unknown").replaceFirst("-\\d{8}$", "");
        String classifier = props.getProperty("classifier", "cpu-unknown");
        String flavor = classifier.contains("-") ? classifier.substring(0, classifier.indexOf('-')) : classifier;
        return new TensorFlowNatives(url, version, flavor);
    }

    /** @return the TensorFlow version of the libraries, e.g. {@code 2.16.1} */
    String version() {
        return version;
    }

    /** @return the build flavour, e.g. {@code cu121} */
    String flavor() {
        return flavor;
    }

    /**
     * Extracts the libraries under a cache folder unless a complete copy is already there.
     *
     * @param cacheDir the runtime's engine cache folder
     * @return the folder holding the libraries, {@code cacheDir/tensorflow/VERSION-FLAVOR}
     * @throws IOException when the libraries cannot be written
     */
    Path extractTo(Path cacheDir) throws IOException {
        Path parent = cacheDir.resolve("tensorflow");
        Path target = parent.resolve(version + "-" + flavor);
        if (isComplete(target)) {
            return target;
        }
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, ".extract-");
        try {
            List<String> names = copyLibraries(tmp);
            Files.write(tmp.resolve(MARKER), names);
            if (Files.exists(target)) {
                deleteTree(target);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target);
            } catch (FileAlreadyExistsException e) {
                if (!isComplete(target)) {
                    throw e;
                }
            }
            return target;
        } finally {
            if (Files.exists(tmp)) {
                deleteTree(tmp);
            }
        }
    }

    /**
     * @param dir a candidate folder
     * @return whether it holds every library listed in its marker
     */
    static boolean isComplete(Path dir) throws IOException {
        Path marker = dir.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return false;
        }
        List<String> names = Files.readAllLines(marker);
        return !names.isEmpty() && names.stream().allMatch(n -> Files.isRegularFile(dir.resolve(n)))
                && Files.isRegularFile(dir.resolve(JNI_LIBRARY));
    }

    private List<String> copyLibraries(Path into) throws IOException {
        List<String> names = new ArrayList<>();
        if ("file".equals(properties.getProtocol())) {
            Path folder = Path.of(java.net.URI.create(properties.toString())).getParent();
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, into.resolve(file.getFileName().toString()));
                    names.add(file.getFileName().toString());
                }
            }
            return names;
        }
        JarURLConnection connection = (JarURLConnection) properties.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory() || !name.startsWith("native/lib/") || name.indexOf('/', 11) >= 0) {
                    continue;
                }
                String fileName = name.substring("native/lib/".length());
                try (InputStream in = jar.getInputStream(entry)) {
                    Files.copy(in, into.resolve(fileName));
                }
                names.add(fileName);
            }
        }
        return names;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
