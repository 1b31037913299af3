package io.jdeepaas.runtime.oip;

/**
 * The 16-bit floating-point types of the protocol, {@code FP16} (IEEE 754 binary16: 5-bit
 * exponent, 10-bit mantissa) and {@code BF16} (bfloat16: the upper half of a float, 8-bit
 * exponent, 7-bit mantissa), converted to and from the {@code float} an SPI tensor holds them in.
 * Narrowing rounds to the nearest value, ties to even; a value too large for the type becomes an
 * infinity, NaN stays NaN.
 */
public final class HalfFloats {

    /** The largest finite {@code FP16}. */
    public static final float FP16_MAX = 65504f;
    /** The largest finite {@code BF16}. */
    public static final float BF16_MAX = Float.intBitsToFloat(0x7f7f0000);

    private HalfFloats() {
    }

    /**
     * @param value a float
     * @return its {@code FP16} bit pattern
     */
    public static short toHalf(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int mantissa = bits & 0x7fffff;
        if (exponent == 0xff) { // infinity, or NaN kept quiet with its top mantissa bits
            return (short) (sign | 0x7c00 | (mantissa == 0 ? 0 : 0x200 | (mantissa >>> 13)));
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) { // a subnormal half, or zero
            if (e < -10) {
                return (short) sign;
            }
            return (short) (sign | roundShift(mantissa | 0x800000, 14 - e));
        }
        // a carry out of the mantissa correctly moves to the next exponent (or to infinity)
        return (short) (sign | roundShift((e << 23) | mantissa, 13));
    }

    /**
     * @param half an {@code FP16} bit pattern
     * @return its value
     */
    public static float fromHalf(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }

    /**
     * @param value a float
     * @return its {@code BF16} bit pattern
     */
    public static short toBFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        return (short) (roundShift(bits, 16));
    }

    /**
     * @param bfloat a {@code BF16} bit pattern
     * @return its value
     */
    public static float fromBFloat(short bfloat) {
        return Float.intBitsToFloat((bfloat & 0xffff) << 16);
    }

    /** @param value a float @return the nearest {@code FP16} value, as a float */
    public static float roundHalf(float value) {
        return fromHalf(toHalf(value));
    }

    /** @param value a float @return the nearest {@code BF16} value, as a float */
    public static float roundBFloat(float value) {
        return fromBFloat(toBFloat(value));
    }

    /** @return {@code bits >>> shift}, rounded to nearest, ties to even */
    private static int roundShift(int bits, int shift) {
        int kept = bits >>> shift;
        int rest = bits & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        return rest > half || (rest == half && (kept & 1) == 1) ? kept + 1 : kept;
    }
}
