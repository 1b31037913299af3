package io.jdeepaas.examples.digits;

import io.jdeepaas.spi.InvalidArgumentException;
import io.jdeepaas.spi.UploadedFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads an uploaded image with ImageIO, refusing what is not an image and images too large to
 * decode safely (a small compressed file can claim billions of pixels).
 */
final class ImageUploads {

    /** The most pixels an uploaded image may have. */
    static final long MAX_PIXELS = 40_000_000L;

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
        try (ImageInputStream in = ImageIO.createImageInputStream(file.path().toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new InvalidArgumentException(argument, "not a readable PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new InvalidArgumentException(argument, "the image has " + pixels
                            + " pixels; at most " + MAX_PIXELS + " are accepted");
                }
                return reader.read(0);
            } catch (IOException | RuntimeException e) {
                if (e instanceof InvalidArgumentException invalid) {
                    throw invalid;
                }
                throw new InvalidArgumentException(argument, "not a readable PNG or JPEG image: " + e.getMessage());
            } finally {
                reader.dispose();
            }
        }
    }
}
