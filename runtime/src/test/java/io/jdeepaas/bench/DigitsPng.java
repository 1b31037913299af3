package io.jdeepaas.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Renders one digit as a PNG, black on white, the way a user's scan might look. */
public final class DigitsPng {

    private DigitsPng() {
    }

    public static byte[] render(int digit, int size) throws IOException {
        return render(digit, size, Font.SANS_SERIF, Font.BOLD, 0);
    }

    /** Renders with a given font family and style, rotated by {@code radians} about the centre. */
    public static byte[] render(int digit, int size, String font, int style, double radians) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(new Font(font, style, size * 3 / 4));
        g.rotate(radians, size / 2.0, size / 2.0);
        var metrics = g.getFontMetrics();
        String text = String.valueOf(digit);
        g.drawString(text, (size - metrics.stringWidth(text)) / 2, (size + metrics.getAscent() - metrics.getDescent()) / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
