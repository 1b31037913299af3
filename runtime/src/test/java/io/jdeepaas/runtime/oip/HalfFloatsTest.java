package io.jdeepaas.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The FP16 and BF16 conversions against the formats' definitions. */
class HalfFloatsTest {

    @Test
    void everyHalfValueSurvivesTheTripThroughFloat() {
        for (int bits = 0; bits <= 0xffff; bits++) {
            float value = HalfFloats.fromHalf((short) bits);
            int back = HalfFloats.toHalf(value) & 0xffff;
            if (Float.isNaN(value)) { // NaN stays NaN (made quiet)
                assertThat(back & 0x7c00).isEqualTo(0x7c00);
                assertThat(back & 0x3ff).isNotZero();
            } else {
                assertThat(back).as("0x%04x", bits).isEqualTo(bits);
            }
        }
    }

    @Test
    void halvesAreSignExponentAndMantissaAsIeeeDefinesThem() {
        assertThat(HalfFloats.fromHalf((short) 0x3c00)).isEqualTo(1f);
        assertThat(HalfFloats.fromHalf((short) 0xc000)).isEqualTo(-2f);
        assertThat(HalfFloats.fromHalf((short) 0x7bff)).isEqualTo(65504f);
        assertThat(HalfFloats.fromHalf((short) 0x0001)).isEqualTo((float) Math.pow(2, -24));
        assertThat(HalfFloats.fromHalf((short) 0x7c00)).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloats.fromHalf((short) 0x7e00)).isNaN();
        // rounding to nearest, ties to even
        assertThat(HalfFloats.toHalf(0.1f) & 0xffff).isEqualTo(0x2e66);
        assertThat(HalfFloats.toHalf(1f + 0x1p-11f) & 0xffff).isEqualTo(0x3c00); // a tie: stays even
        assertThat(HalfFloats.toHalf(1f + 0x1p-11f + 0x1p-20f) & 0xffff).isEqualTo(0x3c01);
        assertThat(HalfFloats.toHalf(65520f) & 0xffff).isEqualTo(0x7c00); // past the largest half: infinity
        assertThat(HalfFloats.toHalf((float) Math.pow(2, -26)) & 0xffff).isEqualTo(0);
    }

    @Test
    void bfloatsAreTheUpperHalfOfAFloatRoundedToNearestEven() {
        for (int bits = 0; bits <= 0xffff; bits++) {
            float value = HalfFloats.fromBFloat((short) bits);
            if (!Float.isNaN(value)) {
                assertThat(HalfFloats.toBFloat(value) & 0xffff).as("0x%04x", bits).isEqualTo(bits);
            }
        }
        assertThat(HalfFloats.fromBFloat((short) 0x3fc0)).isEqualTo(1.5f);
        assertThat(HalfFloats.toBFloat(Float.intBitsToFloat(0x3f808000)) & 0xffff).isEqualTo(0x3f80); // a tie: even
        assertThat(HalfFloats.toBFloat(Float.intBitsToFloat(0x3f818000)) & 0xffff).isEqualTo(0x3f82);
        assertThat(HalfFloats.toBFloat(Float.NaN) & 0x7f80).isEqualTo(0x7f80);
        assertThat(HalfFloats.fromBFloat(HalfFloats.toBFloat(Float.NaN))).isNaN();
        assertThat(HalfFloats.toBFloat(Float.MAX_VALUE) & 0xffff).isEqualTo(0x7f80);
    }
}
