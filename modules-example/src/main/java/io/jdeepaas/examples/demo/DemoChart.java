package io.jdeepaas.examples.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws the demo's PNG: a bar chart of the numbers (negative bars hang below a zero line) under
 * the text as title; without numbers, a framed empty plot with the text and a hint. Non-finite
 * numbers are drawn as zero. Runs headless.
 */
final class DemoChart {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 400;
    private static final int LEFT = 50;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 30;
    private static final Color BAR = new Color(0x2E, 0x6F, 0xB7);

    private DemoChart() {
    }

    /**
     * @param title the chart's title, or {@code null}
     * @param numbers the bar heights, possibly empty
     * @return the PNG bytes
     * @throws IOException when the image cannot be encoded
     */
    static byte[] render(String title, List<Double> numbers) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
            text(g, title == null ? "" : title, LEFT, TOP - 18, 18);
            if (numbers.isEmpty()) {
                text(g, "no numbers given", WIDTH / 2 - 60, HEIGHT / 2, 14);
            } else {
                bars(g, numbers);
            }
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer in this JVM");
        }
        return out.toByteArray();
    }

    private static void bars(Graphics2D g, List<Double> given) {
        List<Double> numbers = given.stream().map(d -> Double.isFinite(d) ? d : 0.0).toList();
        double low = Math.min(0, numbers.stream().mapToDouble(Double::doubleValue).min().orElse(0));
        double high = Math.max(0, numbers.stream().mapToDouble(Double::doubleValue).max().orElse(0));
        double span = high - low == 0 ? 1 : high - low;
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        int zeroY = TOP + (int) Math.round(plotHeight * high / span);
        double slot = (double) plotWidth / numbers.size();
        g.setColor(BAR);
        for (int i = 0; i < numbers.size(); i++) {
            double value = numbers.get(i);
            int height = (int) Math.round(plotHeight * Math.abs(value) / span);
            int x = LEFT + (int) Math.round(i * slot + slot * 0.1);
            int width = Math.max(1, (int) Math.round(slot * 0.8));
            g.fillRect(x, value >= 0 ? zeroY - height : zeroY, width, Math.max(1, height));
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, zeroY, WIDTH - RIGHT, zeroY);
        text(g, format(high), 4, TOP + 12, 11);
        text(g, format(low), 4, HEIGHT - BOTTOM, 11);
    }

    /** Draws text when fonts are available; a JVM without fonts still gets its chart. */
    private static void text(Graphics2D g, String s, int x, int y, int size) {
        try {
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
            g.drawString(s, x, y);
        } catch (RuntimeException | InternalError e) {
            // no usable font: leave the text out
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9
                ? Long.toString((long) value) : String.format(java.util.Locale.ROOT, "%.3g", value);
    }
}
