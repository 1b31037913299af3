package io.jdeepaas.examples.modelfolder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.jdeepaas.spi.InvalidArgumentException;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts between JSON tensors (numbers nested in lists, one level per dimension) and DJL
 * {@link NDArray}s.
 */
final class JsonTensors {

    /** The predict argument the tensors come in, named in error messages. */
    static final String ARGUMENT = "inputs";

    private JsonTensors() {
    }

    /**
     * Builds the array for one declared input.
     *
     * @param spec the declared input
     * @param json the request's value: a number or nested lists of numbers
     * @param manager where to create the array
     * @return the array, of the spec's shape and type
     * @throws InvalidArgumentException when the value is not a rectangular numeric tensor of the
     *     declared shape, or holds fractions for an integer input
     */
    static NDArray toArray(TensorSpec spec, Object json, NDManager manager) {
        List<Long> dims = new ArrayList<>();
        Object level = json;
        while (level instanceof List<?> list) {
            dims.add((long) list.size());
            level = list.isEmpty() ? null : list.get(0);
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        if (!spec.accepts(shape)) {
            throw invalid(spec, "has shape " + dims + " but the model expects " + spec.shapeText()
                    + " (-1 means any size)");
        }
        int count = Math.toIntExact(new Shape(shape).size());
        double[] values = new double[count];
        int filled = flatten(spec, json, 0, shape, values, 0);
        if (filled != count) {
            throw invalid(spec, "is not rectangular");
        }
        return create(spec, values, new Shape(shape), manager);
    }

    private static int flatten(TensorSpec spec, Object json, int depth, long[] shape, double[] out, int at) {
        if (depth == shape.length) {
            if (!(json instanceof Number number)) {
                throw invalid(spec, "holds " + (json == null ? "null" : "'" + json + "'") + " where a number belongs");
            }
            double value = number.doubleValue();
            if (spec.datatype().isInteger() && value != Math.rint(value)) {
                throw invalid(spec, "holds " + value + " but its datatype is " + spec.datatype().label());
            }
            out[at] = value;
            return at + 1;
        }
        if (!(json instanceof List<?> list) || list.size() != shape[depth]) {
            throw invalid(spec, "is not rectangular: every list at depth " + (depth + 1) + " must hold "
                    + shape[depth] + " items");
        }
        for (Object item : list) {
            at = flatten(spec, item, depth + 1, shape, out, at);
        }
        return at;
    }

    private static NDArray create(TensorSpec spec, double[] values, Shape shape, NDManager manager) {
        return switch (spec.datatype()) {
            case FLOAT64 -> manager.create(values, shape);
            case FLOAT32 -> {
                float[] floats = new float[values.length];
                for (int i = 0; i < values.length; i++) {
                    floats[i] = (float) values[i];
                }
                yield manager.create(floats, shape);
            }
            case INT32 -> {
                int[] ints = new int[values.length];
                for (int i = 0; i < values.length; i++) {
                    ints[i] = (int) values[i];
                }
                yield manager.create(ints, shape);
            }
            case INT64 -> {
                long[] longs = new long[values.length];
                for (int i = 0; i < values.length; i++) {
                    longs[i] = (long) values[i];
                }
                yield manager.create(longs, shape);
            }
        };
    }

    /**
     * Reads an array back as JSON.
     *
     * @param array a model output
     * @return a number for a scalar, otherwise lists nested one level per dimension; float32
     *     values are given with the float's shortest decimal form
     */
    static Object toJson(NDArray array) {
        Number[] flat = array.toArray();
        long[] shape = array.getShape().getShape();
        boolean single = array.getDataType() == DataType.FLOAT32 || array.getDataType() == DataType.FLOAT16;
        Object[] values = new Object[flat.length];
        for (int i = 0; i < flat.length; i++) {
            values[i] = single ? Double.parseDouble(Float.toString(flat[i].floatValue())) : flat[i];
        }
        if (shape.length == 0) {
            return values[0];
        }
        return nest(values, shape, 0, 0);
    }

    private static List<Object> nest(Object[] values, long[] shape, int depth, int offset) {
        int stride = 1;
        for (int d = depth + 1; d < shape.length; d++) {
            stride *= (int) shape[d];
        }
        List<Object> out = new ArrayList<>((int) shape[depth]);
        for (int i = 0; i < shape[depth]; i++) {
            int start = offset + i * stride;
            out.add(depth == shape.length - 1 ? values[start] : nest(values, shape, depth + 1, start));
        }
        return out;
    }

    private static InvalidArgumentException invalid(TensorSpec spec, String problem) {
        return new InvalidArgumentException(ARGUMENT, "input '" + spec.name() + "' " + problem);
    }
}
