package io.jdeepaas.spi;

/**
 * The element types of a {@link Tensor}, named as the Open Inference Protocol names them. Each is
 * held in the Java array that matches its width; unsigned types keep their bit pattern in the
 * signed array of the same width (read them with {@link Tensor#longs()} to get their value).
 */
public enum TensorType {
    /** {@code true}/{@code false}, held in a {@code boolean[]}. */
    BOOL(boolean.class),
    /** 0..255, held in a {@code byte[]}. */
    UINT8(byte.class),
    /** 0..65535, held in a {@code short[]}. */
    UINT16(short.class),
    /** 0..2<sup>32</sup>-1, held in an {@code int[]}. */
    UINT32(int.class),
    /** 0..2<sup>64</sup>-1, held in a {@code long[]}. */
    UINT64(long.class),
    /** -128..127, held in a {@code byte[]}. */
    INT8(byte.class),
    /** 16-bit signed, held in a {@code short[]}. */
    INT16(short.class),
    /** 32-bit signed, held in an {@code int[]}. */
    INT32(int.class),
    /** 64-bit signed, held in a {@code long[]}. */
    INT64(long.class),
    /**
     * Half precision (IEEE 754 binary16), held (widened) in a {@code float[]}. Values the runtime
     * receives are already rounded to its precision; a module's {@code FP16} outputs are rounded
     * (to nearest even) when sent.
     */
    FP16(float.class),
    /**
     * Brain floating point (8-bit exponent, 7-bit mantissa), held (widened) in a {@code float[]}.
     * Values the runtime receives are already rounded to its precision; a module that answers
     * {@code BF16} may hold any float, which the runtime rounds (to nearest even) when it sends it.
     */
    BF16(float.class),
    /** Single precision, held in a {@code float[]}. */
    FP32(float.class),
    /** Double precision, held in a {@code double[]}. */
    FP64(double.class),
    /** Byte strings (often UTF-8 text), held in a {@code byte[][]}. */
    BYTES(byte[].class);

    private final Class<?> element;

    TensorType(Class<?> element) {
        this.element = element;
    }

    /** @return the component type of the array holding this type's elements, e.g. {@code float.class} */
    public Class<?> elementClass() {
        return element;
    }

    /** @return whether this is one of the unsigned integer types */
    public boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64;
    }

    /**
     * @return the size of one element in the binary tensor data extension, in bytes ({@code BOOL}
     *     is one byte), or -1 for {@code BYTES}, whose elements each carry their own length
     */
    public int byteSize() {
        return switch (this) {
            case BOOL, UINT8, INT8 -> 1;
            case UINT16, INT16, FP16, BF16 -> 2;
            case UINT32, INT32, FP32 -> 4;
            case UINT64, INT64, FP64 -> 8;
            case BYTES -> -1;
        };
    }

    /** @return whether this is a floating-point type */
    public boolean isFloatingPoint() {
        return this == FP16 || this == BF16 || this == FP32 || this == FP64;
    }
}
