package io.jdeepaas.examples.iris;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A folder of saved weights: DJL's {@code iris-NNNN.params} plus {@code iris.properties} with
 * what is needed to rebuild and judge them (the hidden width, the feature scaling, the id of the
 * training that made them, its final metrics).
 *
 * <p>The jar ships initial weights under {@code initial/} next to this class (made by
 * {@code IrisInitialWeightsGenerator} in the test sources with the module's own training code).
 * In the model's data folder, {@code weights/<id>/} holds each set that was ever served and
 * {@code served.txt} names the current one; it is replaced atomically, so a restart serves the
 * weights that were served before it.
 */
final class IrisWeights {

    static final String PREFIX = "iris";
    static final String DESCRIPTOR = "iris.properties";
    static final String SERVED = "served.txt";
    /** Where the shipped initial weights are, relative to this class. */
    static final String SHIPPED = "initial/";

    /**
     * What a weights folder says about itself.
     *
     * @param id the training that produced the weights ({@code initial} for the built-in ones)
     * @param hiddenUnits the hidden layer's width
     * @param standardizer the feature scaling
     * @param metrics the training's final metrics
     */
    record Descriptor(String id, int hiddenUnits, Standardizer standardizer, Map<String, Double> metrics) {
    }

    private IrisWeights() {
    }

    /**
     * Saves a trained model and its descriptor into a folder.
     *
     * @param model the trained model
     * @param descriptor what to record with it
     * @param dir the folder, created if needed
     * @throws IOException when writing fails
     */
    static void save(Model model, Descriptor descriptor, Path dir) throws IOException {
        Files.createDirectories(dir);
        model.save(dir, PREFIX);
        Properties props = new Properties();
        props.setProperty("id", descriptor.id());
        props.setProperty("params", paramsFile(dir));
        props.setProperty("hidden_units", String.valueOf(descriptor.hiddenUnits()));
        props.setProperty("standardizer", descriptor.standardizer().encode());
        descriptor.metrics().forEach((k, v) -> props.setProperty("metric." + k, String.valueOf(v)));
        try (Writer out = Files.newBufferedWriter(dir.resolve(DESCRIPTOR))) {
            props.store(out, "iris weights");
        }
    }

    /**
     * @param dir a weights folder
     * @return its descriptor
     * @throws IOException when it cannot be read
     */
    static Descriptor describe(Path dir) throws IOException {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(dir.resolve(DESCRIPTOR))) {
            props.load(in);
        }
        Map<String, Double> metrics = new TreeMap<>();
        for (String key : props.stringPropertyNames()) {
            if (key.startsWith("metric.")) {
                metrics.put(key.substring("metric.".length()), Double.parseDouble(props.getProperty(key)));
            }
        }
        return new Descriptor(props.getProperty("id"), Integer.parseInt(props.getProperty("hidden_units")),
                Standardizer.decode(props.getProperty("standardizer")), metrics);
    }

    /**
     * Copies the initial weights shipped as resources ({@code initial/} next to this class) into
     * the model's data folder and makes them the served ones.
     *
     * @param dataDir the model's data folder
     * @return the served copy, or {@code null} when the jar ships no initial weights
     * @throws IOException when copying fails
     */
    static Path installShipped(Path dataDir) throws IOException {
        Properties props = new Properties();
        try (java.io.InputStream in = IrisWeights.class.getResourceAsStream(SHIPPED + DESCRIPTOR)) {
            if (in == null) {
                return null;
            }
            props.load(in);
        }
        String id = props.getProperty("id");
        Path tmp = Files.createTempDirectory(Files.createDirectories(dataDir), ".shipped-");
        try {
            for (String name : new String[] {DESCRIPTOR, props.getProperty("params")}) {
                try (java.io.InputStream in = IrisWeights.class.getResourceAsStream(SHIPPED + name)) {
                    if (in == null) {
                        throw new IOException("shipped iris weights lack " + name);
                    }
                    Files.copy(in, tmp.resolve(name));
                }
            }
            return publish(tmp, id, dataDir);
        } finally {
            deleteTree(tmp);
        }
    }

    private static String paramsFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(PREFIX + "-") && n.endsWith(".params"))
                    .sorted(Comparator.reverseOrder()).findFirst()
                    .orElseThrow(() -> new IOException("DJL wrote no .params file in " + dir));
        }
    }

    /**
     * Loads a weights folder into a new model on a device.
     *
     * @param dir the folder
     * @param device where to load
     * @return the model; the caller closes it
     * @throws IOException when the folder cannot be read
     * @throws MalformedModelException when the parameters do not fit the network
     */
    static Model load(Path dir, Device device) throws IOException, MalformedModelException {
        Descriptor descriptor = describe(dir);
        Model model = Model.newInstance("iris", device, "PyTorch");
        try {
            model.setBlock(IrisNetwork.build(descriptor.hiddenUnits()));
            model.load(dir, PREFIX);
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * The weights the model's data folder says are served.
     *
     * @param dataDir the model's data folder
     * @return the served weights folder, or {@code null} when there is none yet
     * @throws IOException when the pointer cannot be read
     */
    static Path served(Path dataDir) throws IOException {
        Path pointer = dataDir.resolve(SERVED);
        if (!Files.isRegularFile(pointer)) {
            return null;
        }
        Path dir = dataDir.resolve("weights").resolve(Files.readString(pointer).trim());
        return Files.isRegularFile(dir.resolve(DESCRIPTOR)) ? dir : null;
    }

    /**
     * Copies a weights folder into the model's data folder and makes it the served one.
     *
     * @param source a complete weights folder
     * @param id its id (a folder name)
     * @param dataDir the model's data folder
     * @return the copy now served
     * @throws IOException when copying fails
     */
    static Path publish(Path source, String id, Path dataDir) throws IOException {
        Path weights = dataDir.resolve("weights");
        Files.createDirectories(weights);
        Path target = weights.resolve(id);
        if (!target.equals(source)) {
            Path tmp = Files.createTempDirectory(weights, ".copy-");
            try (Stream<Path> files = Files.list(source)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, tmp.resolve(file.getFileName().toString()));
                }
            }
            deleteTree(target);
            move(tmp, target);
        }
        Path pointer = Files.createTempFile(dataDir, ".served-", ".tmp");
        Files.writeString(pointer, id + "\n");
        move(pointer, dataDir.resolve(SERVED));
        return target;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
