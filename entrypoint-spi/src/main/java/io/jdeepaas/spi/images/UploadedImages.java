package io.jdeepaas.spi.images;

import io.jdeepaas.spi.InvalidArgumentException;
import io.jdeepaas.spi.UploadedFile;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.MultiPixelPackedSampleModel;
import java.awt.image.SampleModel;
import java.awt.image.SinglePixelPackedSampleModel;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads uploaded images safely: the header first (size, bands, bits per sample), and the pixels only
 * when they fit the module's {@link ImageLimits}. An image that is not readable or too large is an
 * {@link InvalidArgumentException} on the argument (the runtime answers 422), with a message that
 * names the image's decoded size and the limit.
 *
 * <p>Use {@link #read} to get a {@link BufferedImage}; a module that decodes with another library
 * calls {@link #check} first.
 * <pre>{@code
 * public Object predict(PredictRequest in) throws IOException {
 *     BufferedImage image = UploadedImages.read("image", in.file("image"), ImageLimits.DEFAULT);
 *     ...
 * }
 * }</pre>
 */
public final class UploadedImages {

    private UploadedImages() {
    }

    /**
     * Reads an image's header and checks it against the limits, without decoding any pixel.
     *
     * @param argument the argument's name, for the error
     * @param file the upload
     * @param limits the largest image accepted
     * @return the header
     * @throws InvalidArgumentException when the file is not a readable image or is over a limit
     * @throws IOException when the file cannot be read at all
     */
    public static ImageHeader check(String argument, UploadedFile file, ImageLimits limits) throws IOException {
        return withReader(argument, file, reader -> header(argument, reader, limits));
    }

    /**
     * Reads an image's header, checks it against the limits, and only then decodes the first image
     * of the file.
     *
     * @param argument the argument's name, for the error
     * @param file the upload
     * @param limits the largest image accepted
     * @return the decoded image
     * @throws InvalidArgumentException when the file is not a readable image or is over a limit
     * @throws IOException when the file cannot be read at all
     */
    public static BufferedImage read(String argument, UploadedFile file, ImageLimits limits) throws IOException {
        return withReader(argument, file, reader -> {
            header(argument, reader, limits);
            return reader.read(0);
        });
    }

    /** Work on an image reader set on the file. */
    private interface ReaderWork<T> {
        T apply(ImageReader reader) throws IOException;
    }

    private static <T> T withReader(String argument, UploadedFile file, ReaderWork<T> work) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.path().toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new InvalidArgumentException(argument, "not a readable image (PNG, JPEG, GIF or BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return work.apply(reader);
            } catch (InvalidArgumentException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new InvalidArgumentException(argument, "not a readable " + reader.getFormatName() + " image: "
                        + e.getMessage());
            } finally {
                reader.dispose();
            }
        }
    }

    /** Reads the size (and refuses too many pixels), then the pixel type (and refuses too many bytes). */
    private static ImageHeader header(String argument, ImageReader reader, ImageLimits limits) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
            throw new InvalidArgumentException(argument, "the image has " + pixels + " pixels (" + width + " x "
                    + height + "); at most " + limits.maxPixels() + " are accepted");
        }
        int bits = 0;
        ImageTypeSpecifier raw = reader.getRawImageType(0); // the pixels as stored
        if (raw != null) {
            bits = bitsPerPixel(raw);
        }
        Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0); // the first is what read(0) makes
        if (types.hasNext()) {
            bits = Math.max(bits, bitsPerPixel(types.next()));
        }
        ImageHeader header = new ImageHeader(reader.getFormatName(), width, height, bits == 0 ? 64 : bits);
        if (header.decodedBytes() > limits.maxDecodedBytes()) {
            throw new InvalidArgumentException(argument, "the image would take " + header.decodedBytes()
                    + " bytes once decoded (" + width + " x " + height + " pixels of " + header.bitsPerPixel()
                    + " bits); at most " + limits.maxDecodedBytes()
                    + " bytes are accepted: send a smaller image, or one with fewer bits per sample");
        }
        return header;
    }

    /** @return the bits a decoded pixel of this type takes in memory */
    private static int bitsPerPixel(ImageTypeSpecifier type) {
        SampleModel model = type.getSampleModel();
        int element = DataBuffer.getDataTypeSize(model.getDataType());
        if (model instanceof MultiPixelPackedSampleModel packed) {
            return packed.getPixelBitStride();
        }
        if (model instanceof SinglePixelPackedSampleModel) {
            return element;
        }
        return element * model.getNumBands();
    }
}
