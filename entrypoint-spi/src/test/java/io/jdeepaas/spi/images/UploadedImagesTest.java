package io.jdeepaas.spi.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.spi.InvalidArgumentException;
import io.jdeepaas.spi.UploadedFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadedImagesTest {

    @TempDir
    Path temp;

    @Test
    void theHeaderGivesTheDecodedSizeFromBitDepthAndChannelsWithoutDecoding() throws Exception {
        assertThat(UploadedImages.check("image", pngHeader(6300, 6300, 16, 2), ImageLimits.of(100_000_000, 1L << 40)))
                .satisfies(h -> {
                    assertThat(h.bitsPerPixel()).isEqualTo(48);
                    assertThat(h.decodedBytes()).isEqualTo(6300L * 6300 * 6);
                });
        assertThat(UploadedImages.check("image", pngHeader(100, 50, 8, 0), ImageLimits.DEFAULT).bitsPerPixel())
                .isEqualTo(8);
        assertThat(UploadedImages.check("image", pngHeader(100, 50, 8, 6), ImageLimits.DEFAULT).bitsPerPixel())
                .isEqualTo(32);
    }

    @Test
    void anImageOverTheByteLimitIsAnInvalidArgumentNamingItsSizeAndTheLimit() throws Exception {
        UploadedFile huge = pngHeader(6300, 6300, 16, 2);
        assertThatThrownBy(() -> UploadedImages.read("picture", huge, ImageLimits.of(40_000_000, 64L << 20)))
                .isInstanceOfSatisfying(InvalidArgumentException.class, e -> assertThat(e.argument()).isEqualTo("picture"))
                .hasMessageContaining("238140000 bytes once decoded").hasMessageContaining("at most 67108864 bytes");
        UploadedFile wide = pngHeader(100_000, 100_000, 1, 0);
        assertThatThrownBy(() -> UploadedImages.check("picture", wide, ImageLimits.DEFAULT))
                .hasMessageContaining("10000000000 pixels");
    }

    @Test
    void anImageWithinTheLimitsIsDecodedAndAFileThatIsNoImageIsRefused() throws Exception {
        Path png = temp.resolve("small.png");
        ImageIO.write(new BufferedImage(30, 20, BufferedImage.TYPE_BYTE_GRAY), "png", png.toFile());
        BufferedImage image = UploadedImages.read("image", new UploadedFile("small.png", "image/png", png,
                Files.size(png)), ImageLimits.DEFAULT);
        assertThat(image.getWidth()).isEqualTo(30);

        Path text = Files.writeString(temp.resolve("notes.png"), "no image here");
        assertThatThrownBy(() -> UploadedImages.read("image", new UploadedFile("notes.png", "image/png", text, 13),
                ImageLimits.DEFAULT)).isInstanceOf(InvalidArgumentException.class).hasMessageContaining("not a readable image");
    }

    /** A PNG with its signature, header chunk and empty data: enough for the header, no pixels to decode. */
    private UploadedFile pngHeader(int width, int height, int bitDepth, int colourType) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream chunk = new ByteArrayOutputStream();
        DataOutputStream c = new DataOutputStream(chunk);
        c.write("IHDR".getBytes(StandardCharsets.US_ASCII));
        c.writeInt(width);
        c.writeInt(height);
        c.write(new byte[] {(byte) bitDepth, (byte) colourType, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(chunk.toByteArray());
        out.writeInt(13);
        out.write(chunk.toByteArray());
        out.writeInt((int) crc.getValue());
        for (String empty : new String[] {"IDAT", "IEND"}) { // empty chunks: the header ends, no pixels follow
            CRC32 emptyCrc = new CRC32();
            emptyCrc.update(empty.getBytes(StandardCharsets.US_ASCII));
            out.writeInt(0);
            out.write(empty.getBytes(StandardCharsets.US_ASCII));
            out.writeInt((int) emptyCrc.getValue());
        }
        Path file = temp.resolve("h" + width + "x" + height + "-" + bitDepth + "-" + colourType + ".png");
        Files.write(file, bytes.toByteArray());
        return new UploadedFile(file.getFileName().toString(), "image/png", file, Files.size(file));
    }
}
