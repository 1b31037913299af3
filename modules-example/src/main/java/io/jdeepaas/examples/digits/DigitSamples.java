package io.jdeepaas.examples.digits;

import java.util.Random;

/**
 * A set of rendered digits as network inputs and labels, drawn from a seed: the same seed and size
 * always give the same samples. Digits cycle 0 to 9 so every class is equally frequent.
 *
 * @param inputs {@code size * 28 * 28} input values, sample after sample
 * @param labels the digit of each sample, as a float (DJL's sparse cross-entropy label)
 */
public record DigitSamples(float[] inputs, float[] labels) {

    private static final int PIXELS = DigitImages.SIZE * DigitImages.SIZE;

    /** @return how many samples the set holds */
    public int size() {
        return labels.length;
    }

    /**
     * Renders samples for training: besides the renderer's variety, each digit is placed in the
     * frame with a random box size (16 to 22 pixels) and a shift of up to 1.5 pixels.
     *
     * @param size how many samples
     * @param seed the random seed
     * @return the samples
     */
    public static DigitSamples training(int size, long seed) {
        Random random = new Random(seed);
        return generate(size, random, true);
    }

    /**
     * Renders samples placed as predictions place uploads (centred), for measuring accuracy.
     *
     * @param size how many samples
     * @param seed the random seed
     * @return the samples
     */
    public static DigitSamples validation(int size, long seed) {
        return generate(size, new Random(seed), false);
    }

    private static DigitSamples generate(int size, Random random, boolean jitter) {
        float[] inputs = new float[size * PIXELS];
        float[] labels = new float[size];
        for (int i = 0; i < size; i++) {
            int digit = i % 10;
            DigitImages.Placement placement = jitter
                    ? new DigitImages.Placement(16 + random.nextDouble() * 6,
                            (random.nextDouble() * 2 - 1) * 1.5, (random.nextDouble() * 2 - 1) * 1.5)
                    : DigitImages.Placement.CENTERED;
            float[] input = DigitImages.toInput(DigitRenderer.render(digit, random), placement);
            System.arraycopy(input, 0, inputs, i * PIXELS, PIXELS);
            labels[i] = digit;
        }
        return new DigitSamples(inputs, labels);
    }
}
