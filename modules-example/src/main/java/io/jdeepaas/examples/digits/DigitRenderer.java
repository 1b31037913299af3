package io.jdeepaas.examples.digits;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.List;
import java.util.Random;

/**
 * Draws one digit as a grey image with the JDK's fonts, varied at random: font family and style,
 * size of the canvas, rotation, slant, horizontal and vertical scale, stroke thickness, position,
 * background and ink levels (either polarity) and pixel noise. The same {@link Random} state
 * always draws the same image, so data sets are reproducible from a seed.
 *
 * <p>Needs no display: run with {@code -Djava.awt.headless=true} on a server.
 */
public final class DigitRenderer {

    private static final List<String> FAMILIES =
            List.of(Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG, Font.DIALOG_INPUT);

    private static final int[] STYLES = {Font.PLAIN, Font.BOLD, Font.ITALIC, Font.BOLD | Font.ITALIC};

    private DigitRenderer() {
    }

    /**
     * Draws a digit.
     *
     * @param digit 0 to 9
     * @param random the source of every random choice
     * @return a {@code TYPE_BYTE_GRAY} image between 40 and 120 pixels wide
     */
    public static BufferedImage render(int digit, Random random) {
        if (digit < 0 || digit > 9) {
            throw new IllegalArgumentException("not a digit: " + digit);
        }
        int width = 40 + random.nextInt(81);
        int height = 40 + random.nextInt(81);
        boolean darkInk = random.nextBoolean();
        int background = darkInk ? 170 + random.nextInt(86) : random.nextInt(86);
        int ink = darkInk ? random.nextInt(70) : 185 + random.nextInt(71);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(new Color(background, background, background));
            g.fillRect(0, 0, width, height);
            g.setColor(new Color(ink, ink, ink));
            Shape glyph = glyph(g, digit, random);
            Shape placed = place(glyph, width, height, random);
            g.fill(placed);
            float stroke = (float) (random.nextDouble() * 0.07 * Math.min(width, height));
            if (stroke > 0.5f) {
                g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
                g.draw(placed);
            }
        } finally {
            g.dispose();
        }
        addNoise(image, random.nextDouble() * 14, random);
        return image;
    }

    private static Shape glyph(Graphics2D g, int digit, Random random) {
        Font font = new Font(FAMILIES.get(random.nextInt(FAMILIES.size())), STYLES[random.nextInt(STYLES.length)], 100);
        GlyphVector vector = font.createGlyphVector(g.getFontRenderContext(), Integer.toString(digit));
        return vector.getOutline();
    }

    /** Rotates, slants, scales and moves the glyph so it fills 40 to 75 % of the canvas height. */
    private static Shape place(Shape glyph, int width, int height, Random random) {
        Rectangle2D bounds = glyph.getBounds2D();
        double target = height * (0.40 + random.nextDouble() * 0.35);
        double scale = target / bounds.getHeight();
        double scaleX = scale * (0.8 + random.nextDouble() * 0.4);
        double maxScaleX = width * 0.85 / bounds.getWidth();
        scaleX = Math.min(scaleX, maxScaleX);
        double freeX = Math.max(0, width - bounds.getWidth() * scaleX) * 0.3;
        double freeY = Math.max(0, height - target) * 0.3;
        AffineTransform t = new AffineTransform();
        t.translate(width / 2.0 + (random.nextDouble() * 2 - 1) * freeX,
                height / 2.0 + (random.nextDouble() * 2 - 1) * freeY);
        t.rotate(Math.toRadians((random.nextDouble() * 2 - 1) * 15));
        t.shear((random.nextDouble() * 2 - 1) * 0.2, 0);
        t.scale(scaleX, scale);
        t.translate(-bounds.getCenterX(), -bounds.getCenterY());
        return t.createTransformedShape(glyph);
    }

    private static void addNoise(BufferedImage image, double sigma, Random random) {
        WritableRaster raster = image.getRaster();
        int width = image.getWidth();
        int height = image.getHeight();
        int[] samples = raster.getSamples(0, 0, width, height, 0, (int[]) null);
        for (int i = 0; i < samples.length; i++) {
            int value = samples[i] + (int) Math.round(random.nextGaussian() * sigma);
            samples[i] = Math.max(0, Math.min(255, value));
        }
        raster.setSamples(0, 0, width, height, 0, samples);
    }
}
