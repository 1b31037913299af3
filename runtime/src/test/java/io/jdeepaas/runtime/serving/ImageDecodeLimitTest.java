package io.jdeepaas.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.examples.digits.DigitRenderer;
import io.jdeepaas.runtime.TestRuntime;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A small file that decodes to a huge image is refused from its header, before any pixel is
 * decoded; the limit counts bytes (bit depth and channels), not only pixels.
 */
class ImageDecodeLimitTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start("digits");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void aSmallSixteenBitRgbPngOfManyPixelsIsRefusedFromItsHeaderWithItsDecodedSize() throws Exception {
        Path png = Files.createTempFile("zeros-16bit-rgb", ".png");
        try {
            writeZeroPng(png, 6300, 6300);
            assertThat(Files.size(png)).as("a cheap file").isLessThan(1_000_000);
            runtime.post("/v2/models/digits/predict/", TestRuntime.multipart().addFormDataPart("image", "x.png",
                    RequestBody.create(new byte[] {1, 2, 3}, MediaType.get("image/png"))).build()); // warms the path
            long start = System.nanoTime();
            TestRuntime.Answer answer = runtime.post("/v2/models/digits/predict/", TestRuntime.multipart()
                    .addFormDataPart("image", "zeros.png", RequestBody.create(png.toFile(), MediaType.get("image/png")))
                    .build());
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.println("image decode limit: a " + Files.size(png) + "-byte 6300x6300 16-bit RGB PNG refused in "
                    + millis + " ms");
            assertThat(answer.status()).as(answer.text()).isEqualTo(422);
            String message = answer.json().at("/errors/image/0").asText();
            assertThat(message).contains("238140000 bytes once decoded").contains("6300 x 6300 pixels of 48 bits")
                    .contains("at most 67108864 bytes");
            assertThat(millis).as("refused without decoding (decoding takes seconds)").isLessThan(2000);
        } finally {
            Files.deleteIfExists(png);
        }
    }

    @Test
    void aNormalDigitPngStillPredicts() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(DigitRenderer.render(7, new Random(3)), "png", bytes);
        TestRuntime.Answer answer = runtime.post("/v2/models/digits/predict/", TestRuntime.multipart()
                .addFormDataPart("image", "seven.png", RequestBody.create(bytes.toByteArray(), MediaType.get("image/png")))
                .build());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        JsonNode best = answer.json().at("/predictions/0");
        assertThat(best.path("digit").asInt()).isEqualTo(7);
    }

    /** Writes a valid PNG (16 bits per sample, RGB) whose pixels are all zero, compressed as it goes. */
    private static void writeZeroPng(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream ihdr = new DataOutputStream(header);
        ihdr.writeInt(width);
        ihdr.writeInt(height);
        ihdr.write(new byte[] {16, 2, 0, 0, 0}); // bit depth 16, colour type 2 (RGB), deflate, no filter, no interlace
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (OutputStream z = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            byte[] row = new byte[1 + width * 6]; // filter type 0, then the samples
            for (int y = 0; y < height; y++) {
                z.write(row);
            }
        } finally {
            deflater.end();
        }
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "IDAT", compressed.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
