package io.jdeepaas.examples.tfiris;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Writes the classifier as a TensorFlow SavedModel with TensorFlow Java: a graph from input
 * {@value #INPUT} ({@code float32 [-1, 4]}) to output {@value #OUTPUT} ({@code float32 [-1, 3]})
 * under the {@code serving_default} signature and the {@code serve} tag.
 *
 * <p>TensorFlow Java uses the native libraries DJL loaded, so DJL's TensorFlow engine must be
 * loaded first.
 */
final class SavedModelWriter {

    /** The signature's input name. */
    static final String INPUT = "measurements";

    /** The signature's output name. */
    static final String OUTPUT = "probabilities";

    private SavedModelWriter() {
    }

    /**
     * Exports the graph into a folder, atomically: into a temporary folder beside it first.
     *
     * @param weights the classifier's weights
     * @param target the SavedModel folder to create; must not exist
     * @throws IOException when the export fails
     */
    static void export(LinearIrisWeights weights, Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempDirectory(parent, ".savedmodel-");
        try {
            Path exportDir = tmp.resolve("model");
            try (Graph graph = new Graph()) {
                Signature signature = build(graph, weights);
                try (Session session = new Session(graph)) {
                    SavedModelBundle.exporter(exportDir.toString()).withSession(session).withSignature(signature)
                            .export();
                }
            }
            try {
                Files.move(exportDir, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(exportDir, target);
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private static Signature build(Graph graph, LinearIrisWeights w) {
        Ops tf = Ops.create(graph);
        Placeholder<TFloat32> x = tf.withName(INPUT).placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, 4)));
        Operand<TFloat32> scaled = tf.math.mul(tf.math.sub(x, tf.constant(w.mean())), tf.constant(w.invStd()));
        Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(scaled, tf.constant(w.weights())),
                tf.constant(w.bias()));
        Operand<TFloat32> probabilities = tf.withName(OUTPUT).nn.softmax(logits);
        return Signature.builder().key(Signature.DEFAULT_KEY).input(INPUT, x).output(OUTPUT, probabilities).build();
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
