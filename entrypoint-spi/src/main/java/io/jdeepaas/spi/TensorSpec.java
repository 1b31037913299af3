package io.jdeepaas.spi;

import java.util.Arrays;
import java.util.Objects;

/**
 * A declared input or output of tensor inference: its name, element type and shape, with
 * {@code -1} for a dimension that varies (typically the first, the batch's rows). The runtime
 * checks requests against the declared inputs before calling {@link ModelEntryPoint#infer} and
 * publishes them as the Open Inference Protocol's model metadata.
 *
 * <pre>{@code
 * TensorSpec.of("input", TensorType.FP32, -1, 4)   // any number of rows of 4 features
 * }</pre>
 *
 * @param name the tensor's name
 * @param datatype its element type
 * @param shape its dimensions, {@code -1} where any size is accepted
 */
public record TensorSpec(String name, TensorType datatype, long[] shape) {

    /**
     * Checks the name, type and shape.
     *
     * @throws IllegalArgumentException when a dimension is below -1 or the name is blank
     */
    public TensorSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tensor spec needs a name");
        }
        Objects.requireNonNull(datatype, "datatype");
        shape = shape.clone();
        for (long dim : shape) {
            if (dim < -1) {
                throw new IllegalArgumentException("tensor spec '" + name + "' has dimension " + dim
                        + "; use -1 for a variable one");
            }
        }
    }

    /**
     * @param name the tensor's name
     * @param datatype its element type
     * @param shape its dimensions, {@code -1} where any size is accepted
     * @return the spec
     */
    public static TensorSpec of(String name, TensorType datatype, long... shape) {
        return new TensorSpec(name, datatype, shape);
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
                && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, datatype, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + " " + datatype + " " + Arrays.toString(shape);
    }
}
