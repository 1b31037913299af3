package io.jdeepaas.spi;

import java.lang.reflect.Array;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named, typed, row-major tensor: the unit of tensor inference ({@link ModelEntryPoint#infer}).
 * The elements are held flat in the Java array of the {@link TensorType} ({@code float[]} for
 * {@code FP32}, {@code byte[][]} for {@code BYTES}, ...); its length is the product of the shape.
 * A tensor shares the array it is given; treat both as read-only once built.
 *
 * <pre>{@code
 * Tensor in = Tensor.fp32("input", new long[] {2, 4}, 5.1f, 3.5f, 1.4f, 0.2f, 6.7f, 3.0f, 5.2f, 2.3f);
 * float[] values = in.floats();     // any numeric type converts
 * long rows = in.shape()[0];        // 2
 * Tensor out = Tensor.strings("label", new long[] {2}, "setosa", "virginica");
 * }</pre>
 *
 * @param name the tensor's name, as declared by a {@link TensorSpec}
 * @param datatype its element type
 * @param shape its dimensions, each at least 0 (a scalar has none)
 * @param data the elements, flat and row-major, in the array type of {@code datatype}
 */
public record Tensor(String name, TensorType datatype, long[] shape, Object data) {

    /**
     * Checks that the data is the datatype's array and has as many elements as the shape says.
     *
     * @throws IllegalArgumentException when it does not
     */
    public Tensor {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a tensor needs a name");
        }
        Objects.requireNonNull(datatype, "datatype");
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        long size = elementCount(shape);
        if (size < 0) {
            throw new IllegalArgumentException("tensor '" + name + "' has a negative dimension in shape "
                    + Arrays.toString(shape));
        }
        Class<?> expected = datatype.elementClass();
        if (data.getClass().getComponentType() != expected) {
            throw new IllegalArgumentException("tensor '" + name + "' of type " + datatype + " must hold a "
                    + expected.getSimpleName() + "[], not a " + data.getClass().getSimpleName());
        }
        if (Array.getLength(data) != size) {
            throw new IllegalArgumentException("tensor '" + name + "' of shape " + Arrays.toString(shape) + " needs "
                    + size + " elements, not " + Array.getLength(data));
        }
        if (data instanceof byte[][] strings) {
            for (byte[] s : strings) {
                Objects.requireNonNull(s, "an element of tensor '" + name + "'");
            }
        }
    }

    /**
     * A tensor of any type.
     *
     * @param name its name
     * @param datatype its element type
     * @param shape its dimensions
     * @param data its elements in the array type of {@code datatype}
     * @return the tensor
     */
    public static Tensor of(String name, TensorType datatype, long[] shape, Object data) {
        return new Tensor(name, datatype, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements @return a {@code BOOL} tensor */
    public static Tensor bool(String name, long[] shape, boolean... data) {
        return new Tensor(name, TensorType.BOOL, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements (bit patterns) @return a {@code UINT8} tensor */
    public static Tensor uint8(String name, long[] shape, byte... data) {
        return new Tensor(name, TensorType.UINT8, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements @return an {@code INT8} tensor */
    public static Tensor int8(String name, long[] shape, byte... data) {
        return new Tensor(name, TensorType.INT8, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements (bit patterns) @return a {@code UINT16} tensor */
    public static Tensor uint16(String name, long[] shape, short... data) {
        return new Tensor(name, TensorType.UINT16, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements @return an {@code INT16} tensor */
    public static Tensor int16(String name, long[] shape, short... data) {
        return new Tensor(name, TensorType.INT16, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements (bit patterns) @return a {@code UINT32} tensor */
    public static Tensor uint32(String name, long[] shape, int... data) {
        return new Tensor(name, TensorType.UINT32, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements @return an {@code INT32} tensor */
    public static Tensor int32(String name, long[] shape, int... data) {
        return new Tensor(name, TensorType.INT32, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements (bit patterns) @return a {@code UINT64} tensor */
    public static Tensor uint64(String name, long[] shape, long... data) {
        return new Tensor(name, TensorType.UINT64, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements @return an {@code INT64} tensor */
    public static Tensor int64(String name, long[] shape, long... data) {
        return new Tensor(name, TensorType.INT64, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements @return an {@code FP16} tensor */
    public static Tensor fp16(String name, long[] shape, float... data) {
        return new Tensor(name, TensorType.FP16, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements @return a {@code BF16} tensor */
    public static Tensor bf16(String name, long[] shape, float... data) {
        return new Tensor(name, TensorType.BF16, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements @return an {@code FP32} tensor */
    public static Tensor fp32(String name, long[] shape, float... data) {
        return new Tensor(name, TensorType.FP32, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements @return an {@code FP64} tensor */
    public static Tensor fp64(String name, long[] shape, double... data) {
        return new Tensor(name, TensorType.FP64, shape, data);
    }

    /** @param name its name @param shape its dimensions @param data its elements @return a {@code BYTES} tensor */
    public static Tensor bytes(String name, long[] shape, byte[]... data) {
        return new Tensor(name, TensorType.BYTES, shape, data);
    }

    /**
     * @param name its name
     * @param shape its dimensions
     * @param data its elements, stored as UTF-8
     * @return a {@code BYTES} tensor
     */
    public static Tensor strings(String name, long[] shape, String... data) {
        byte[][] bytes = new byte[data.length][];
        for (int i = 0; i < data.length; i++) {
            bytes[i] = data[i].getBytes(StandardCharsets.UTF_8);
        }
        return new Tensor(name, TensorType.BYTES, shape, bytes);
    }

    /**
     * @param shape dimensions
     * @return how many elements a tensor of that shape has (1 for a scalar), or -1 when a dimension is negative
     */
    public static long elementCount(long[] shape) {
        long size = 1;
        for (long dim : shape) {
            if (dim < 0) {
                return -1;
            }
            size = Math.multiplyExact(size, dim);
        }
        return size;
    }

    /** @return a copy of the dimensions */
    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of elements */
    public int size() {
        return Array.getLength(data);
    }

    /** @return the first dimension (the batch's rows), or 1 for a scalar */
    public long rows() {
        return shape.length == 0 ? 1 : shape[0];
    }

    /**
     * @return the elements as booleans (numbers are true when not zero)
     * @throws BadInputException when the tensor holds {@code BYTES}
     */
    public boolean[] booleans() {
        if (data instanceof boolean[] b) {
            return b;
        }
        boolean[] out = new boolean[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubleAt(i) != 0;
        }
        return out;
    }

    /**
     * @return the elements as floats, converting any numeric type ({@code BOOL} as 0 and 1)
     * @throws BadInputException when the tensor holds {@code BYTES}
     */
    public float[] floats() {
        if (data instanceof float[] f) {
            return f;
        }
        float[] out = new float[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) doubleAt(i);
        }
        return out;
    }

    /**
     * @return the elements as doubles, converting any numeric type
     * @throws BadInputException when the tensor holds {@code BYTES}
     */
    public double[] doubles() {
        if (data instanceof double[] d) {
            return d;
        }
        double[] out = new double[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = doubleAt(i);
        }
        return out;
    }

    /**
     * @return the elements as longs: integers by value (unsigned ones widened), floats truncated.
     *     {@code UINT64} values above {@link Long#MAX_VALUE} keep their bit pattern.
     * @throws BadInputException when the tensor holds {@code BYTES}
     */
    public long[] longs() {
        if (data instanceof long[] l) {
            return l;
        }
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = longAt(i);
        }
        return out;
    }

    /**
     * @return the elements as ints, as {@link #longs()} narrowed
     * @throws BadInputException when the tensor holds {@code BYTES}
     */
    public int[] ints() {
        if (data instanceof int[] v && datatype == TensorType.INT32) {
            return v;
        }
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) longAt(i);
        }
        return out;
    }

    /**
     * @return the elements of a {@code BYTES} tensor
     * @throws BadInputException when the tensor is numeric
     */
    public byte[][] byteStrings() {
        if (data instanceof byte[][] b) {
            return b;
        }
        throw new BadInputException("tensor '" + name + "' is " + datatype + ", not BYTES");
    }

    /**
     * @return the elements of a {@code BYTES} tensor decoded as UTF-8
     * @throws BadInputException when the tensor is numeric
     */
    public String[] strings() {
        byte[][] bytes = byteStrings();
        String[] out = new String[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = new String(bytes[i], StandardCharsets.UTF_8);
        }
        return out;
    }

    /**
     * @param index a flat, row-major index
     * @return the element as a long (unsigned types widened, floats truncated, booleans 0 or 1)
     * @throws BadInputException when the tensor holds {@code BYTES}
     */
    public long longAt(int index) {
        return switch (datatype) {
            case BOOL -> ((boolean[]) data)[index] ? 1 : 0;
            case UINT8 -> Byte.toUnsignedLong(((byte[]) data)[index]);
            case INT8 -> ((byte[]) data)[index];
            case UINT16 -> Short.toUnsignedLong(((short[]) data)[index]);
            case INT16 -> ((short[]) data)[index];
            case UINT32 -> Integer.toUnsignedLong(((int[]) data)[index]);
            case INT32 -> ((int[]) data)[index];
            case UINT64, INT64 -> ((long[]) data)[index];
            case FP16, BF16, FP32 -> (long) ((float[]) data)[index];
            case FP64 -> (long) ((double[]) data)[index];
            case BYTES -> throw notNumeric();
        };
    }

    /**
     * @param index a flat, row-major index
     * @return the element as a double (unsigned types by value, booleans 0 or 1)
     * @throws BadInputException when the tensor holds {@code BYTES}
     */
    public double doubleAt(int index) {
        return switch (datatype) {
            case FP16, BF16, FP32 -> ((float[]) data)[index];
            case FP64 -> ((double[]) data)[index];
            case UINT64 -> {
                long v = ((long[]) data)[index];
                yield v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
            }
            case BYTES -> throw notNumeric();
            default -> longAt(index);
        };
    }

    private BadInputException notNumeric() {
        return new BadInputException("tensor '" + name + "' is BYTES, not numeric");
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Tensor t)) {
            return false;
        }
        return name.equals(t.name) && datatype == t.datatype && Arrays.equals(shape, t.shape)
                && Arrays.deepEquals(new Object[] {data}, new Object[] {t.data});
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, datatype, Arrays.hashCode(shape), Arrays.deepHashCode(new Object[] {data}));
    }

    @Override
    public String toString() {
        int shown = Math.min(size(), 8);
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            values.append(i == 0 ? "" : ", ").append(data instanceof byte[][] b
                    ? new String(b[i], StandardCharsets.UTF_8)
                    : datatype.isFloatingPoint() || datatype == TensorType.BOOL ? String.valueOf(Array.get(data, i))
                    : datatype == TensorType.UINT64 ? Long.toUnsignedString(longAt(i)) : String.valueOf(longAt(i)));
        }
        return "Tensor[" + name + " " + datatype + " " + Arrays.toString(shape) + " " + values
                + (shown < size() ? ", ..." : "") + "]";
    }
}
