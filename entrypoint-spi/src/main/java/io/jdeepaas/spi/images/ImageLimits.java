package io.jdeepaas.spi.images;

/**
 * The largest image a module accepts, checked on the header before decoding.
 *
 * <p>Example: a model that works on small pictures, refusing anything that would decode to more
 * than 64 MiB or 40 million pixels:
 * <pre>{@code
 * static final ImageLimits LIMITS = ImageLimits.of(40_000_000L, 64L * 1024 * 1024);
 * BufferedImage image = UploadedImages.read("image", in.file("image"), LIMITS);
 * }</pre>
 *
 * @param maxPixels the most pixels (width times height)
 * @param maxDecodedBytes the most bytes the decoded pixels may take (width times height times the
 *     bytes per pixel of the image as stored: a 16-bit RGB image takes 6 bytes a pixel)
 */
public record ImageLimits(long maxPixels, long maxDecodedBytes) {

    /** 40 million pixels and 256 MiB decoded: a photograph of a good camera, not a decompression bomb. */
    public static final ImageLimits DEFAULT = new ImageLimits(40_000_000L, 256L * 1024 * 1024);

    /**
     * @param maxPixels the most pixels, at least 1
     * @param maxDecodedBytes the most decoded bytes, at least 1
     */
    public ImageLimits {
        if (maxPixels < 1 || maxDecodedBytes < 1) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }

    /**
     * @param maxPixels the most pixels
     * @param maxDecodedBytes the most decoded bytes
     * @return the limits
     */
    public static ImageLimits of(long maxPixels, long maxDecodedBytes) {
        return new ImageLimits(maxPixels, maxDecodedBytes);
    }
}
