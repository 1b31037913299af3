package io.jdeepaas.runtime.oip;

import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.TensorType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converts the protocol's tensor JSON (name, datatype, shape, data flat or nested) to an SPI
 * {@link Tensor} and back. Decoding is strict: an unknown datatype, a negative dimension, nesting
 * that does not follow the shape, too few or too many elements, or an element that is not of the
 * datatype (a fraction for an integer type, a value out of the type's range, a number for BYTES)
 * is a 400 naming the tensor and the element.
 */
public final class TensorCodec {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private TensorCodec() {
    }

    /**
     * @param name the tensor's name
     * @param datatype its datatype's name, e.g. {@code FP32}
     * @param shape its dimensions
     * @param data its elements as Jackson reads them: nested lists of numbers, booleans or strings
     * @return the tensor
     * @throws BadRequestException when any of it is wrong, with a message saying what
     */
    public static Tensor decode(String name, String datatype, List<Long> shape, Object data) {
        String what = what(name);
        TensorType type = type(what, datatype);
        long[] dims = dimensions(what, shape);
        if (data == null) {
            throw new BadRequestException(what + " has no data");
        }
        long expected = elementCount(what, dims);
        List<?> flat = flatten(what, data, dims);
        if (flat.size() != expected) {
            throw new BadRequestException(what + " has shape " + shape + ", which needs " + expected
                    + " elements, but its data has " + flat.size());
        }
        return new Tensor(name, type, dims, elements(what, type, flat));
    }

    /**
     * @param name a tensor's name, possibly missing
     * @return how messages name it
     * @throws BadRequestException when it is missing
     */
    static String what(String name) {
        if (name == null || name.isBlank()) {
            throw new BadRequestException("a tensor has no name");
        }
        return "tensor '" + name + "'";
    }

    /**
     * @param what the tensor, for messages
     * @param shape its dimensions as read
     * @return them, each checked to be a whole number of at least 0
     * @throws BadRequestException when one is not
     */
    static long[] dimensions(String what, List<Long> shape) {
        if (shape == null) {
            throw new BadRequestException(what + " has no shape");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            Long dim = shape.get(i);
            if (dim == null || dim < 0) {
                throw new BadRequestException(what + " has an invalid shape " + shape + ": dimensions are whole numbers >= 0");
            }
            dims[i] = dim;
        }
        elementCount(what, dims);
        return dims;
    }

    /** @return the number of elements of the shape, which must fit in one Java array */
    static int elementCount(String what, long[] dims) {
        long count;
        try {
            count = Tensor.elementCount(dims);
        } catch (ArithmeticException e) {
            count = Long.MAX_VALUE;
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new BadRequestException(what + " has a shape too large: " + Arrays.toString(dims));
        }
        return (int) count;
    }

    /**
     * @param tensor a tensor
     * @return its elements as a flat JSON-able array: numbers by value (unsigned ones too; FP16 and
     *     BF16 rounded to their precision), BYTES as UTF-8 text
     */
    public static Object encode(Tensor tensor) {
        Object data = tensor.data();
        int n = tensor.size();
        switch (tensor.datatype()) {
            case BOOL, INT16, INT32, INT64, FP32, FP64:
                return data;
            case FP16, BF16: {
                float[] values = (float[]) data;
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    out[i] = tensor.datatype() == TensorType.FP16 ? HalfFloats.roundHalf(values[i])
                            : HalfFloats.roundBFloat(values[i]);
                }
                return out;
            }
            case INT8, UINT8, UINT16: {
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (int) tensor.longAt(i);
                }
                return out;
            }
            case UINT32: {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = tensor.longAt(i);
                }
                return out;
            }
            case UINT64: {
                long[] values = (long[]) data;
                if (Arrays.stream(values).allMatch(v -> v >= 0)) {
                    return values;
                }
                List<BigInteger> out = new ArrayList<>(n);
                for (long v : values) {
                    out.add(new BigInteger(Long.toUnsignedString(v)));
                }
                return out;
            }
            case BYTES:
                return tensor.strings();
            default:
                throw new IllegalStateException("unknown datatype " + tensor.datatype());
        }
    }

    /**
     * @param what the tensor, for messages
     * @param datatype a datatype's name as read
     * @return the datatype
     * @throws BadRequestException when it is missing or unknown
     */
    static TensorType type(String what, String datatype) {
        if (datatype == null) {
            throw new BadRequestException(what + " has no datatype");
        }
        try {
            return TensorType.valueOf(datatype);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(what + " has an unknown datatype '" + datatype + "'; the datatypes are "
                    + Arrays.toString(TensorType.values()));
        }
    }

    /** Flat data is taken as it is; nested data must follow the shape exactly. */
    private static List<?> flatten(String what, Object data, long[] dims) {
        if (!(data instanceof List<?> list)) {
            return List.of(data); // a bare scalar
        }
        boolean nested = list.stream().anyMatch(e -> e instanceof List<?>);
        if (!nested) {
            return list;
        }
        List<Object> flat = new ArrayList<>();
        collect(what, list, dims, 0, flat, "data");
        return flat;
    }

    private static void collect(String what, List<?> level, long[] dims, int depth, List<Object> into, String path) {
        if (depth >= dims.length) {
            throw new BadRequestException(what + ": " + path + " is nested deeper than its shape "
                    + Arrays.toString(dims));
        }
        if (level.size() != dims[depth]) {
            throw new BadRequestException(what + ": " + path + " has " + level.size() + " entries, but dimension "
                    + depth + " of shape " + Arrays.toString(dims) + " is " + dims[depth]);
        }
        boolean last = depth == dims.length - 1;
        for (int i = 0; i < level.size(); i++) {
            Object e = level.get(i);
            String at = path + "[" + i + "]";
            if (e instanceof List<?> sub) {
                if (last) {
                    throw new BadRequestException(what + ": " + at + " is nested deeper than its shape "
                            + Arrays.toString(dims));
                }
                collect(what, sub, dims, depth + 1, into, at);
            } else if (!last) {
                throw new BadRequestException(what + ": " + at + " should be a list of " + dims[depth + 1]
                        + " entries (shape " + Arrays.toString(dims) + ")");
            } else {
                into.add(e);
            }
        }
    }

    private static Object elements(String what, TensorType type, List<?> flat) {
        int n = flat.size();
        switch (type) {
            case BOOL: {
                boolean[] out = new boolean[n];
                for (int i = 0; i < n; i++) {
                    if (!(flat.get(i) instanceof Boolean b)) {
                        throw wrong(what, i, flat.get(i), type, "true or false");
                    }
                    out[i] = b;
                }
                return out;
            }
            case UINT8, INT8: {
                byte[] out = new byte[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (byte) integer(what, i, flat.get(i), type);
                }
                return out;
            }
            case UINT16, INT16: {
                short[] out = new short[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (short) integer(what, i, flat.get(i), type);
                }
                return out;
            }
            case UINT32, INT32: {
                int[] out = new int[n];
                for (int i = 0; i < n; i++) {
                    out[i] = (int) integer(what, i, flat.get(i), type);
                }
                return out;
            }
            case UINT64, INT64: {
                long[] out = new long[n];
                for (int i = 0; i < n; i++) {
                    out[i] = integer(what, i, flat.get(i), type);
                }
                return out;
            }
            case FP16, BF16, FP32: {
                float[] out = new float[n];
                for (int i = 0; i < n; i++) {
                    double v = real(what, i, flat.get(i), type);
                    float f = (float) v;
                    if (type == TensorType.FP16) {
                        f = Math.abs(v) > HalfFloats.FP16_MAX ? Float.POSITIVE_INFINITY : HalfFloats.roundHalf(f);
                    } else if (type == TensorType.BF16) {
                        f = HalfFloats.roundBFloat(f);
                    } else if (Math.abs(v) > Float.MAX_VALUE) {
                        f = Float.POSITIVE_INFINITY;
                    }
                    if (Double.isFinite(v) && !Float.isFinite(f)) {
                        throw outOfRange(what, i, flat.get(i), type);
                    }
                    out[i] = f;
                }
                return out;
            }
            case FP64: {
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = real(what, i, flat.get(i), type);
                }
                return out;
            }
            case BYTES: {
                byte[][] out = new byte[n][];
                for (int i = 0; i < n; i++) {
                    if (!(flat.get(i) instanceof String s)) {
                        throw wrong(what, i, flat.get(i), type, "a string");
                    }
                    out[i] = s.getBytes(StandardCharsets.UTF_8);
                }
                return out;
            }
            default:
                throw new IllegalStateException("unknown datatype " + type);
        }
    }

    /** @return the element's value as a long (UINT64 keeps its bit pattern), checked against the type's range */
    private static long integer(String what, int index, Object element, TensorType type) {
        BigInteger value;
        if (element instanceof Long || element instanceof Integer || element instanceof Short) {
            value = BigInteger.valueOf(((Number) element).longValue());
        } else if (element instanceof BigInteger big) {
            value = big;
        } else if (element instanceof Double || element instanceof BigDecimal || element instanceof Float) {
            BigDecimal decimal = new BigDecimal(element.toString());
            try {
                value = decimal.toBigIntegerExact();
            } catch (ArithmeticException e) {
                throw wrong(what, index, element, type, "a whole number");
            }
        } else {
            throw wrong(what, index, element, type, "a whole number");
        }
        BigInteger min;
        BigInteger max;
        switch (type) {
            case UINT8 -> { min = BigInteger.ZERO; max = BigInteger.valueOf(255); }
            case INT8 -> { min = BigInteger.valueOf(Byte.MIN_VALUE); max = BigInteger.valueOf(Byte.MAX_VALUE); }
            case UINT16 -> { min = BigInteger.ZERO; max = BigInteger.valueOf(65535); }
            case INT16 -> { min = BigInteger.valueOf(Short.MIN_VALUE); max = BigInteger.valueOf(Short.MAX_VALUE); }
            case UINT32 -> { min = BigInteger.ZERO; max = BigInteger.valueOf(4294967295L); }
            case INT32 -> { min = BigInteger.valueOf(Integer.MIN_VALUE); max = BigInteger.valueOf(Integer.MAX_VALUE); }
            case UINT64 -> { min = BigInteger.ZERO; max = UINT64_MAX; }
            default -> { min = BigInteger.valueOf(Long.MIN_VALUE); max = BigInteger.valueOf(Long.MAX_VALUE); }
        }
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new BadRequestException(what + ": element " + index + " (" + element + ") is out of range for "
                    + type + " (" + min + ".." + max + ")");
        }
        return value.longValue();
    }

    /**
     * A JSON number must be finite in the datatype: {@code 1e400} is read as infinity, which no
     * floating-point type can hold as a number. NaN and the infinities are given as the strings
     * {@code "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
     */
    private static double real(String what, int index, Object element, TensorType type) {
        if (element instanceof Number number) {
            double value = number.doubleValue();
            if (!Double.isFinite(value)) {
                throw outOfRange(what, index, element, type);
            }
            return value;
        }
        if (element instanceof String s) {
            switch (s) {
                case "NaN": return Double.NaN;
                case "Infinity", "inf": return Double.POSITIVE_INFINITY;
                case "-Infinity", "-inf": return Double.NEGATIVE_INFINITY;
                default: break;
            }
        }
        throw wrong(what, index, element, type, "a number");
    }

    private static BadRequestException outOfRange(String what, int index, Object element, TensorType type) {
        String shown = element instanceof Double d && d.isInfinite() ? "a number too large for any float" : element.toString();
        double max = type == TensorType.FP16 ? HalfFloats.FP16_MAX : type == TensorType.BF16 ? HalfFloats.BF16_MAX
                : type == TensorType.FP32 ? Float.MAX_VALUE : Double.MAX_VALUE;
        return new BadRequestException(what + ": element " + index + " (" + shown + ") is out of range for " + type
                + ", whose finite values lie within +-" + max);
    }

    private static BadRequestException wrong(String what, int index, Object element, TensorType type, String expected) {
        String shown = element instanceof String s ? "\"" + s + "\"" : String.valueOf(element);
        return new BadRequestException(what + ": element " + index + " is " + shown + ", but " + type
                + " needs " + expected);
    }
}
