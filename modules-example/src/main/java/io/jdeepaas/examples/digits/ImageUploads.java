package io.jdeepaas.examples.digits;

import io.jdeepaas.spi.InvalidArgumentException;
import io.jdeepaas.spi.UploadedFile;
import io.jdeepaas.spi.images.ImageLimits;
import io.jdeepaas.spi.images.UploadedImages;
import java.awt.image.BufferedImage;
import java.io.IOException;

/**
 * Reads an uploaded digit image with the SPI's {@link UploadedImages}: the header first, and the
 * pixels only when they fit {@link #LIMITS} (a small compressed file can claim an image of
 * hundreds of megabytes).
 */
final class ImageUploads {

    /**
     * At most 40 million pixels, and 64 MiB once decoded (a 4,600 x 4,600 RGB photograph; a digit
     * needs far less).
     */
    static final ImageLimits LIMITS = ImageLimits.of(40_000_000L, 64L * 1024 * 1024);

    private ImageUploads() {
    }

    /**
     * @param argument the argument's name, for error messages
     * @param file the upload
     * @return the decoded image
     * @throws InvalidArgumentException when the file is not a readable image or is too large
     * @throws IOException when the file cannot be read at all
     */
    static BufferedImage read(String argument, UploadedFile file) throws IOException {
        return UploadedImages.read(argument, file, LIMITS);
    }
}
