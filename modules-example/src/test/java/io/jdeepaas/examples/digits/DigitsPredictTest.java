package io.jdeepaas.examples.digits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.spi.InvalidArgumentException;
import io.jdeepaas.spi.UploadedFile;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsPredictTest {

    @TempDir
    static Path temp;

    private static Digits digits;

    @BeforeAll
    static void warmWithShippedWeights() throws Exception {
        digits = DigitsFixture.warmed(temp.resolve("data"));
    }

    @AfterAll
    static void close() {
        digits.close();
    }

    @Test
    void shippedWeightsReadAtLeastNinetyPercentOfFreshlyRenderedPngUploads() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("fresh"));
        List<RenderedUploads.Upload> uploads = RenderedUploads.render(200, 20_240_917L, folder, "png");
        int right = 0;
        for (RenderedUploads.Upload upload : uploads) {
            if (DigitsFixture.best(digits, upload.file()) == upload.digit()) {
                right++;
            }
        }
        double accuracy = right / (double) uploads.size();
        System.out.printf("digits: shipped weights read %d of %d fresh PNG uploads (%.1f%%)%n", right,
                uploads.size(), 100 * accuracy);
        assertThat(accuracy).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void jpegUploadsAreReadToo() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("jpeg"));
        List<RenderedUploads.Upload> uploads = RenderedUploads.render(20, 77, folder, "jpg");
        long right = 0;
        for (RenderedUploads.Upload upload : uploads) {
            right += DigitsFixture.best(digits, upload.file()) == upload.digit() ? 1 : 0;
        }
        assertThat(right).isGreaterThanOrEqualTo(18);
    }

    @Test
    void topKListsThatManyDistinctDigitsMostLikelyFirstWithProbabilities() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("topk"));
        UploadedFile seven = RenderedUploads.render(8, 5, folder, "png").get(7).file();

        List<Map<String, Object>> top = DigitsFixture.predict(digits, seven, 4);

        assertThat(top).hasSize(4);
        assertThat(top.get(0)).containsEntry("digit", 7);
        assertThat(top).extracting(p -> p.get("digit")).doesNotHaveDuplicates();
        List<Double> probabilities = top.stream().map(p -> (Double) p.get("probability")).toList();
        assertThat(probabilities).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(probabilities).allSatisfy(p -> assertThat(p).isBetween(0.0, 1.0));
    }

    @Test
    void aFileThatIsNotAnImageIsAnInvalidImageArgument() throws Exception {
        Path text = Files.writeString(temp.resolve("notes.png"), "not an image at all");
        UploadedFile file = new UploadedFile("notes.png", "image/png", text, Files.size(text));

        assertThatThrownBy(() -> DigitsFixture.predict(digits, file, 3))
                .isInstanceOfSatisfying(InvalidArgumentException.class,
                        e -> assertThat(e.argument()).isEqualTo("image"))
                .hasMessageContaining("not a readable image");
    }

    @Test
    void aBlankImageIsAnInvalidImageArgument() throws Exception {
        BufferedImage blank = new BufferedImage(50, 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = blank.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 50, 50);
        g.dispose();
        Path path = temp.resolve("blank.png");
        ImageIO.write(blank, "png", path.toFile());
        UploadedFile file = new UploadedFile("blank.png", "image/png", path, Files.size(path));

        assertThatThrownBy(() -> DigitsFixture.predict(digits, file, 3))
                .isInstanceOfSatisfying(InvalidArgumentException.class,
                        e -> assertThat(e.argument()).isEqualTo("image"))
                .hasMessageContaining("no digit");
    }

    @Test
    void anImageClaimingTooManyPixelsIsRefusedBeforeDecoding() throws Exception {
        Path path = temp.resolve("huge.png");
        Files.write(path, pngHeaderOnly(100_000, 100_000));
        UploadedFile file = new UploadedFile("huge.png", "image/png", path, Files.size(path));

        assertThatThrownBy(() -> DigitsFixture.predict(digits, file, 3))
                .isInstanceOfSatisfying(InvalidArgumentException.class,
                        e -> assertThat(e.argument()).isEqualTo("image"))
                .hasMessageContaining("10000000000 pixels");
    }

    /** A PNG signature and header chunk claiming the given size, with no pixel data. */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer header = ByteBuffer.allocate(17).put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width).putInt(height).put(new byte[] {8, 0, 0, 0, 0});
        CRC32 crc = new CRC32();
        crc.update(header.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13).put(header.array()).putInt((int) crc.getValue()).array();
    }

    @Test
    void metadataSaysTheShippedWeightsAreServed() {
        assertThat(String.valueOf(digits.metadata().extras().get("weights"))).startsWith("shipped");
    }
}
