package io.jdeepaas.spi.images;

/**
 * What an image's header says, read without decoding its pixels.
 *
 * @param format the format's name as ImageIO knows it, e.g. {@code png} or {@code JPEG}
 * @param width the width in pixels
 * @param height the height in pixels
 * @param bitsPerPixel the bits a pixel takes once decoded (every band, as stored: 48 for 16-bit RGB)
 */
public record ImageHeader(String format, int width, int height, int bitsPerPixel) {

    /** @return width times height */
    public long pixels() {
        return (long) width * height;
    }

    /** @return the bytes the decoded pixels take, rounded up */
    public long decodedBytes() {
        return (pixels() * bitsPerPixel + 7) / 8;
    }
}
