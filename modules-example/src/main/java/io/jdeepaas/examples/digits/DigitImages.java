package io.jdeepaas.examples.digits;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.Arrays;

/**
 * Turns an image of one digit into the network's input: 28x28 values in [0, 1], ink 1 and
 * background 0, whatever the image's size, colours or polarity.
 *
 * <p>The steps, shared by training samples and uploads so both look alike to the network: to
 * grey levels (transparent pixels count as white; images over {@value #MAX_SIDE} pixels are first
 * shrunk); the background level is the median of the border pixels, and ink is the distance from
 * it (so dark-on-light and light-on-dark images give the same input), less the border's noise,
 * scaled so the strongest ink is 1; crop to the bounding box of the ink; centre that box in a
 * square; resample the square into a {@value #BOX}-pixel box inside the 28x28 frame, averaging
 * several samples per pixel so large images shrink smoothly.
 */
public final class DigitImages {

    /** Width and height of the network's input. */
    public static final int SIZE = 28;

    /** Side of the box the digit's square is fitted into when centred. */
    public static final int BOX = 20;

    /** Ink level (averaged over 3x3 pixels, to ignore lone noisy pixels) from which a pixel counts for the bounding box. */
    private static final float INK_THRESHOLD = 0.25f;

    /** Smallest contrast between ink and background that still counts as a digit. */
    private static final float MIN_CONTRAST = 0.12f;

    /** Background noise up to this many standard deviations is treated as background. */
    private static final float NOISE_DEVIATIONS = 3f;

    /** Larger images are first shrunk by an integer factor to at most this side. */
    private static final int MAX_SIDE = 400;

    /**
     * Where the digit goes in the 28x28 frame.
     *
     * @param box side, in pixels, of the square the digit is fitted into
     * @param dx horizontal shift of its centre from the frame's centre, in pixels
     * @param dy vertical shift of its centre, in pixels
     */
    public record Placement(double box, double dx, double dy) {

        /** The placement used for predictions: a {@value DigitImages#BOX}-pixel box, centred. */
        public static final Placement CENTERED = new Placement(BOX, 0, 0);
    }

    private DigitImages() {
    }

    /**
     * Converts an image to the network's input.
     *
     * @param image any image showing one digit
     * @param placement where the digit goes in the frame
     * @return {@code SIZE * SIZE} values, row by row
     * @throws IllegalArgumentException when the image shows no contrast at all (no digit)
     */
    public static float[] toInput(BufferedImage image, Placement placement) {
        Grey grey = grey(image);
        float[] ink = inkMap(grey.values(), grey.width(), grey.height());
        int[] bounds = inkBounds(ink, grey.width(), grey.height());
        return resample(ink, grey.width(), grey.height(), bounds, placement);
    }

    /** Grey levels of an image, row by row. */
    private record Grey(float[] values, int width, int height) {
    }

    /** Ink per pixel in [0, 1], background 0. */
    private static float[] inkMap(float[] grey, int width, int height) {
        float[] border = border(grey, width, height);
        float background = percentile(border, 0.5);
        for (int i = 0; i < border.length; i++) {
            border[i] = Math.abs(border[i] - background);
        }
        // noise floor: about three standard deviations of the border's noise (from its median deviation)
        float floor = NOISE_DEVIATIONS * 1.4826f * percentile(border, 0.5);
        float[] ink = new float[grey.length];
        for (int i = 0; i < grey.length; i++) {
            ink[i] = Math.abs(grey[i] - background);
        }
        float peak = percentile(ink.clone(), 0.995);
        if (peak - floor < MIN_CONTRAST) {
            throw new IllegalArgumentException("the image shows no digit: it has too little contrast");
        }
        for (int i = 0; i < ink.length; i++) {
            ink[i] = Math.max(0f, Math.min(1f, (ink[i] - floor) / (peak - floor)));
        }
        return ink;
    }

    /** Grey levels in [0, 1], transparent pixels white, shrunk by an integer factor when huge. */
    private static Grey grey(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] full = fullResolutionGrey(image);
        int factor = (Math.max(width, height) + MAX_SIDE - 1) / MAX_SIDE;
        if (factor == 1) {
            return new Grey(full, width, height);
        }
        int w = Math.max(1, width / factor);
        int h = Math.max(1, height / factor);
        float[] grey = new float[w * h];
        for (int y = 0; y < h * factor; y++) {
            for (int x = 0; x < w * factor; x++) {
                grey[(y / factor) * w + x / factor] += full[y * width + x];
            }
        }
        float cells = factor * factor;
        for (int i = 0; i < grey.length; i++) {
            grey[i] /= cells;
        }
        return new Grey(grey, w, h);
    }

    /**
     * Grey images are read from their samples as stored: {@code getRGB} would convert their
     * linear grey to sRGB and lift dark noise far above the background.
     */
    private static float[] fullResolutionGrey(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        float[] grey = new float[width * height];
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        if (model.getColorSpace().getType() == ColorSpace.TYPE_GRAY && !(model instanceof IndexColorModel)) {
            float max = (1 << model.getComponentSize(0)) - 1;
            int[] levels = raster.getSamples(0, 0, width, height, 0, (int[]) null);
            int[] alphas = model.hasAlpha() ? raster.getSamples(0, 0, width, height, 1, (int[]) null) : null;
            float alphaMax = model.hasAlpha() ? (1 << model.getComponentSize(1)) - 1 : 1;
            for (int i = 0; i < grey.length; i++) {
                float alpha = alphas == null ? 1 : alphas[i] / alphaMax;
                grey[i] = alpha * levels[i] / max + (1 - alpha);
            }
            return grey;
        }
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        for (int i = 0; i < grey.length; i++) {
            grey[i] = grey(argb[i]);
        }
        return grey;
    }

    private static float grey(int argb) {
        float alpha = ((argb >>> 24) & 0xff) / 255f;
        float r = (argb >> 16) & 0xff;
        float g = (argb >> 8) & 0xff;
        float b = argb & 0xff;
        float luminance = (0.299f * r + 0.587f * g + 0.114f * b) / 255f;
        return alpha * luminance + (1 - alpha);
    }

    private static float[] border(float[] grey, int width, int height) {
        float[] border = new float[2 * width + 2 * height];
        int n = 0;
        for (int x = 0; x < width; x++) {
            border[n++] = grey[x];
            border[n++] = grey[(height - 1) * width + x];
        }
        for (int y = 0; y < height; y++) {
            border[n++] = grey[y * width];
            border[n++] = grey[y * width + width - 1];
        }
        return border;
    }

    /** The value below which {@code share} of the values lie; sorts the array. */
    private static float percentile(float[] values, double share) {
        Arrays.sort(values);
        return values[(int) Math.min(values.length - 1, Math.floor(share * values.length))];
    }

    /** The inclusive box {x0, y0, x1, y1} of pixels with enough ink. */
    private static int[] inkBounds(float[] ink, int width, int height) {
        int x0 = width;
        int y0 = height;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (localMean(ink, width, height, x, y) >= INK_THRESHOLD) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return new int[] {x0, y0, x1, y1};
    }

    private static float localMean(float[] ink, int width, int height, int x, int y) {
        float sum = 0;
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                sum += at(ink, width, height, x + dx, y + dy);
            }
        }
        return sum / 9;
    }

    private static float[] resample(float[] ink, int width, int height, int[] bounds, Placement placement) {
        double side = Math.max(bounds[2] - bounds[0] + 1, bounds[3] - bounds[1] + 1);
        double centreX = (bounds[0] + bounds[2] + 1) / 2.0;
        double centreY = (bounds[1] + bounds[3] + 1) / 2.0;
        double scale = side / placement.box();
        double frameCentreX = SIZE / 2.0 + placement.dx();
        double frameCentreY = SIZE / 2.0 + placement.dy();
        int samples = (int) Math.min(4, Math.max(2, Math.ceil(scale)));
        float[] out = new float[SIZE * SIZE];
        for (int ty = 0; ty < SIZE; ty++) {
            for (int tx = 0; tx < SIZE; tx++) {
                double sum = 0;
                for (int sy = 0; sy < samples; sy++) {
                    for (int sx = 0; sx < samples; sx++) {
                        double px = tx + (sx + 0.5) / samples;
                        double py = ty + (sy + 0.5) / samples;
                        double x = centreX + (px - frameCentreX) * scale;
                        double y = centreY + (py - frameCentreY) * scale;
                        sum += bilinear(ink, width, height, x - 0.5, y - 0.5);
                    }
                }
                out[ty * SIZE + tx] = (float) (sum / (samples * samples));
            }
        }
        return out;
    }

    private static double bilinear(float[] ink, int width, int height, double x, double y) {
        int x0 = (int) Math.floor(x);
        int y0 = (int) Math.floor(y);
        double fx = x - x0;
        double fy = y - y0;
        return (1 - fx) * (1 - fy) * at(ink, width, height, x0, y0)
                + fx * (1 - fy) * at(ink, width, height, x0 + 1, y0)
                + (1 - fx) * fy * at(ink, width, height, x0, y0 + 1)
                + fx * fy * at(ink, width, height, x0 + 1, y0 + 1);
    }

    private static float at(float[] ink, int width, int height, int x, int y) {
        return x < 0 || y < 0 || x >= width || y >= height ? 0f : ink[y * width + x];
    }
}
