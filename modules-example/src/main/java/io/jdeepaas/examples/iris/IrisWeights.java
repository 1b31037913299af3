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
 * They are copied once into {@code initial/} of the model's data folder (DJL loads from a folder);
 * every other set of weights is a model version the runtime keeps and names at warm.
 */
final class IrisWeights {

    static final String PREFIX = "iris";
    static final String DESCRIPTOR = "iris.properties";
    /** The folder of the model's data folder holding its initial weights (its version {@code 1}). */
    static final String INITIAL_FOLDER = "initial";
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
     * @param dataDir the model's data folder
     * @return the initial weights installed there before, or {@code null}
     */
    static Path initial(Path dataDir) {
        Path dir = dataDir.resolve(INITIAL_FOLDER);
        return Files.isRegularFile(dir.resolve(DESCRIPTOR)) ? dir : null;
    }

    /**
     * Copies the initial weights shipped as resources ({@code initial/} next to this class) into
     * the model's data folder, once (a half-made copy is never taken for a whole one).
     *
     * @param dataDir the model's data folder
     * @return the copy, or {@code null} when the jar ships no initial weights
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
            Path target = dataDir.resolve(INITIAL_FOLDER);
            deleteTree(target);
            move(tmp, target);
            return target;
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
