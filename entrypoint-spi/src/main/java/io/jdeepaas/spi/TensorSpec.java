package io.jdeepaas.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A declared input or output of tensor inference: its name, element type and shape, with
 * {@code -1} for a dimension that varies (typically the first, the batch's rows). The runtime
 * checks requests against the declared inputs before calling {@link ModelEntryPoint#infer} and
 * publishes them as the Open Inference Protocol's model metadata.
 *
 * <p>An output of scores may name its classes with {@link #withLabels}: the label of index
 * {@code i} of the last dimension. The runtime then answers the protocol's classification
 * extension ({@code "class_count": k} on a requested output) with the top {@code k} as
 * {@code "score:index:label"}; without labels, as {@code "score:index"}.
 *
 * <pre>{@code
 * TensorSpec.of("input", TensorType.FP32, -1, 4)   // any number of rows of 4 features
 * TensorSpec.of("probabilities", TensorType.FP32, -1, 3).withLabels(List.of("setosa", "versicolor", "virginica"))
 * }</pre>
 *
 * @param name the tensor's name
 * @param datatype its element type
 * @param shape its dimensions, {@code -1} where any size is accepted
 * @param labels the class names along the last dimension, or an empty list when it has none
 */
public record TensorSpec(String name, TensorType datatype, long[] shape, List<String> labels) {

    /**
     * Checks the name, type, shape and labels.
     *
     * @throws IllegalArgumentException when a dimension is below -1, the name is blank, a label is
     *     blank, or the labels do not match a fixed last dimension
     */
    public TensorSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tensor spec needs a name");
        }
        Objects.requireNonNull(datatype, "datatype");
        shape = shape.clone();
        labels = labels == null ? List.of() : List.copyOf(labels);
        if (!labels.isEmpty()) {
            if (shape.length == 0 || (shape[shape.length - 1] != -1 && shape[shape.length - 1] != labels.size())) {
                throw new IllegalArgumentException("tensor spec '" + name + "' has " + labels.size()
                        + " labels, which must match its last dimension " + Arrays.toString(shape));
            }
            if (labels.stream().anyMatch(l -> l == null || l.isBlank())) {
                throw new IllegalArgumentException("tensor spec '" + name + "' has a blank label");
            }
        }
        for (long dim : shape) {
            if (dim < -1) {
                throw new IllegalArgumentException("tensor spec '" + name + "' has dimension " + dim
                        + "; use -1 for a variable one");
            }
        }
    }

    /**
     * A spec without labels.
     *
     * @param name the tensor's name
     * @param datatype its element type
     * @param shape its dimensions, {@code -1} where any size is accepted
     */
    public TensorSpec(String name, TensorType datatype, long[] shape) {
        this(name, datatype, shape, List.of());
    }

    /**
     * @param name the tensor's name
     * @param datatype its element type
     * @param shape its dimensions, {@code -1} where any size is accepted
     * @return the spec, without labels
     */
    public static TensorSpec of(String name, TensorType datatype, long... shape) {
        return new TensorSpec(name, datatype, shape);
    }

    /**
     * @param classes the class names along the last dimension, in index order
     * @return this spec with those labels
     * @throws IllegalArgumentException when they do not match a fixed last dimension, or one is blank
     */
    public TensorSpec withLabels(List<String> classes) {
        return new TensorSpec(name, datatype, shape, classes);
    }

    /** @return a copy of the dimensions */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * @param actual the shape of a tensor
     * @return whether it has this spec's rank and every fixed dimension
     */
    public boolean fits(long[] actual) {
        if (actual.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] != -1 && shape[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TensorSpec t && name.equals(t.name) && datatype == t.datatype
                && Arrays.equals(shape, t.shape) && labels.equals(t.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, datatype, Arrays.hashCode(shape), labels);
    }

    @Override
    public String toString() {
        return name + " " + datatype + " " + Arrays.toString(shape);
    }
}
