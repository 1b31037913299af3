package io.jdeepaas.examples.modelfolder;

import java.util.List;
import java.util.Locale;

/**
 * One declared input of a folder model.
 *
 * @param name the input's name, the key in the request's {@code inputs} object
 * @param shape the size of each dimension; {@code -1} accepts any size (e.g. the batch)
 * @param datatype the element type the model expects
 */
public record TensorSpec(String name, List<Long> shape, DataType datatype) {

    /** The element types a descriptor may name. */
    public enum DataType {
        /** 32-bit float, written {@code float32}. */
        FLOAT32,
        /** 64-bit float, written {@code float64}. */
        FLOAT64,
        /** 32-bit integer, written {@code int32}. */
        INT32,
        /** 64-bit integer, written {@code int64}. */
        INT64;

        /** @return the name used in descriptors, e.g. {@code float32} */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param label a descriptor's datatype
         * @return the type
         * @throws IllegalArgumentException for an unknown name
         */
        public static DataType of(String label) {
            for (DataType type : values()) {
                if (type.label().equals(label)) {
                    return type;
                }
            }
            throw new IllegalArgumentException("unknown datatype '" + label + "' (use float32, float64, int32 or int64)");
        }

        /** @return true for the integer types */
        public boolean isInteger() {
            return this == INT32 || this == INT64;
        }
    }

    /**
     * Copies the shape.
     *
     * @param name the input's name
     * @param shape its dimensions
     * @param datatype its element type
     */
    public TensorSpec {
        shape = List.copyOf(shape);
    }

    /**
     * @param actual the dimensions of a given tensor
     * @return whether they fit this spec (same rank, equal sizes where the spec is not -1)
     */
    public boolean accepts(long[] actual) {
        if (actual.length != shape.size()) {
            return false;
        }
        for (int i = 0; i < actual.length; i++) {
            if (shape.get(i) != -1 && shape.get(i) != actual[i]) {
                return false;
            }
        }
        return true;
    }

    /** @return the shape as written in messages, e.g. {@code [-1, 4]} */
    public String shapeText() {
        return shape.toString();
    }
}
