package io.jdeepaas.examples.digits;

import io.jdeepaas.spi.UploadedFile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/** Freshly rendered digits written as image files and wrapped as uploads, for tests. */
final class RenderedUploads {

    /**
     * One uploaded digit and the digit it shows.
     *
     * @param file the upload
     * @param digit the digit drawn
     */
    record Upload(UploadedFile file, int digit) {
    }

    private RenderedUploads() {
    }

    /**
     * Renders digits (0 to 9 in turn) and saves them through ImageIO.
     *
     * @param count how many
     * @param seed the renderer's seed
     * @param folder where to write them
     * @param format {@code png} or {@code jpg}
     * @return the uploads
     * @throws IOException when writing fails
     */
    static List<Upload> render(int count, long seed, Path folder, String format) throws IOException {
        Random random = new Random(seed);
        List<Upload> uploads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int digit = i % 10;
            BufferedImage image = DigitRenderer.render(digit, random);
            Path file = folder.resolve("digit-" + seed + "-" + i + "." + format);
            if (!ImageIO.write(image, format, file.toFile())) {
                throw new IOException("no ImageIO writer for " + format);
            }
            String type = format.equals("png") ? "image/png" : "image/jpeg";
            uploads.add(new Upload(new UploadedFile(file.getFileName().toString(), type, file, Files.size(file)), digit));
        }
        return uploads;
    }
}
