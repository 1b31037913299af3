package io.jdeepaas.examples.iris;

import io.jdeepaas.spi.BadInputException;
import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.TensorSpec;
import io.jdeepaas.spi.TensorType;
import java.util.List;

/**
 * Tensor inference for the iris classifiers ({@code iris}, {@code tf-iris}): {@code input} FP32
 * [-1, 4] (sepal length, sepal width, petal length, petal width per flower) in;
 * {@code probabilities} FP32 [-1, 3] (setosa, versicolor, virginica) and {@code class} BYTES [-1]
 * (the likeliest species) out. The probabilities are labelled with the species, so the protocol's
 * classification extension ({@code "class_count": k}) answers {@code "0.97:0:setosa"}. Rows are
 * independent, so requests can be batched. A measurement that is not a finite number is refused,
 * and the network's answer is checked: no species is named for probabilities that are not numbers.
 */
public final class IrisTensors {

    /** The declared inputs. */
    public static final List<TensorSpec> INPUTS = List.of(TensorSpec.of("input", TensorType.FP32, -1, 4));
    /** The declared outputs. */
    public static final List<TensorSpec> OUTPUTS = List.of(TensorSpec.of("probabilities", TensorType.FP32, -1, 3)
            .withLabels(IrisData.SPECIES),
            TensorSpec.of("class", TensorType.BYTES, -1));

    private IrisTensors() {
    }

    /**
     * @param inputs the checked inputs: one FP32 tensor of shape [n, 4]
     * @return its rows
     * @throws BadInputException when a measurement is not a finite number
     */
    public static float[][] rows(List<Tensor> inputs) {
        Tensor input = inputs.get(0);
        float[] flat = input.floats();
        for (int i = 0; i < flat.length; i++) {
            if (!Float.isFinite(flat[i])) {
                throw new BadInputException("input element " + i + " is " + flat[i]
                        + "; measurements must be finite numbers of centimetres");
            }
        }
        int width = IrisData.FEATURES.size();
        float[][] rows = new float[(int) input.rows()][width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(flat, i * width, rows[i], 0, width);
        }
        return rows;
    }

    /**
     * @param probabilities per flower, the probability of each species
     * @return the output tensors
     * @throws IllegalStateException when a probability is not a finite number (the network overflowed)
     */
    public static List<Tensor> outputs(float[][] probabilities) {
        for (float[] row : probabilities) {
            for (float p : row) {
                if (!Float.isFinite(p)) {
                    throw new IllegalStateException("the network answered a probability of " + p
                            + " (the measurements are too large for it); no species can be named");
                }
            }
        }
        int classes = IrisData.SPECIES.size();
        float[] flat = new float[probabilities.length * classes];
        String[] best = new String[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            System.arraycopy(probabilities[i], 0, flat, i * classes, classes);
            int top = 0;
            for (int k = 1; k < classes; k++) {
                if (probabilities[i][k] > probabilities[i][top]) {
                    top = k;
                }
            }
            best[i] = IrisData.SPECIES.get(top);
        }
        long n = probabilities.length;
        return List.of(Tensor.fp32("probabilities", new long[] {n, classes}, flat),
                Tensor.strings("class", new long[] {n}, best));
    }
}
