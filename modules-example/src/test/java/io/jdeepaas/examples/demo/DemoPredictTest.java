package io.jdeepaas.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.spi.BinaryResult;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.UploadedFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPredictTest {

    private final DemoModel demo = new DemoModel();

    @TempDir
    Path tmp;

    @Test
    void theModuleIsFoundByTheServiceLoader() {
        assertThat(ServiceLoader.load(ModelEntryPoint.class).stream().map(ServiceLoader.Provider::type))
                .contains(DemoModel.class);
    }

    @Test
    void declaresItsArgumentsAndResponseTypesInOrder() {
        assertThat(demo.name()).isEqualTo("demo");
        assertThat(demo.metadata().version()).isEqualTo("1.0.0");
        assertThat(demo.metadata().license()).isEqualTo("Apache-2.0");
        assertThat(demo.predictArguments()).extracting(a -> a.name())
                .containsExactly("text", "number", "ratio", "flag", "choice", "numbers", "attachment");
        assertThat(demo.predictArguments()).allSatisfy(a -> assertThat(a.description()).isNotBlank());
        assertThat(demo.trainArguments()).extracting(a -> a.name()).containsExactly("epochs", "sleep", "fail");
        assertThat(demo.responseTypes()).containsExactly("application/json", "image/png", "application/zip");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonEchoesTheArgumentsWithTheirJavaTypes() throws Exception {
        Map<String, Object> values = new HashMap<>(allValues());
        values.put("attachment", attachment("../../secret/data.bin", "héllo bytes\n"));

        Map<String, Object> echo = (Map<String, Object>) demo.predict(request(values, "application/json"));

        assertThat(echo).containsEntry("text", "hello").containsEntry("number", 50L).containsEntry("ratio", 0.5)
                .containsEntry("flag", true).containsEntry("choice", "a").containsEntry("numbers", List.of(1.0, 2.5));
        assertThat(echo.keySet()).containsExactly("text", "number", "ratio", "flag", "choice", "numbers",
                "attachment", "types");
        assertThat((Map<String, Object>) echo.get("types")).containsExactly(Map.entry("text", "String"),
                Map.entry("number", "Long"), Map.entry("ratio", "Double"), Map.entry("flag", "Boolean"),
                Map.entry("choice", "String"), Map.entry("numbers", "List<Double>"),
                Map.entry("attachment", "UploadedFile"));
        byte[] content = "héllo bytes\n".getBytes(StandardCharsets.UTF_8);
        assertThat((Map<String, Object>) echo.get("attachment"))
                .containsEntry("name", "../../secret/data.bin")
                .containsEntry("content_type", "application/octet-stream")
                .containsEntry("size", (long) content.length)
                .containsEntry("sha256", HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonEchoesOnlyThePresentArguments() throws Exception {
        Map<String, Object> echo = (Map<String, Object>) demo.predict(PredictRequest.of(Map.of("text", "x")));

        assertThat(echo.keySet()).containsExactly("text", "types");
        assertThat((Map<String, Object>) echo.get("types")).containsOnlyKeys("text");
    }

    @Test
    void pngIsARealBarChart() throws Exception {
        BinaryResult result = (BinaryResult) demo.predict(request(allValues(), "image/png"));

        assertThat(result.mediaType()).isEqualTo("image/png");
        assertThat(result.body()).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n');
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(result.body()));
        assertThat(image.getWidth()).isEqualTo(DemoChart.WIDTH);
        assertThat(image.getHeight()).isEqualTo(DemoChart.HEIGHT);
        assertThat(distinctColours(image)).isGreaterThan(2);
    }

    @Test
    void pngWithoutNumbersIsStillAnImage() throws Exception {
        BinaryResult result = (BinaryResult) demo.predict(request(Map.of("text", "nothing to plot"), "image/png"));

        BufferedImage image = ImageIO.read(new ByteArrayInputStream(result.body()));
        assertThat(image).isNotNull();
        assertThat(distinctColours(image)).isGreaterThan(1);
    }

    @Test
    void pngCopesWithNegativeAndNonFiniteNumbers() throws Exception {
        Map<String, Object> values = Map.of("text", "t", "numbers", List.of(-3.0, 0.0, Double.NaN, 7.5));

        BinaryResult result = (BinaryResult) demo.predict(request(values, "image/png"));

        assertThat(ImageIO.read(new ByteArrayInputStream(result.body()))).isNotNull();
    }

    @Test
    void zipHoldsArgsJsonAndTheAttachmentUnderItsBaseName() throws Exception {
        byte[] content = new byte[3000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Path file = Files.write(tmp.resolve("upload.tmp"), content);
        Map<String, Object> values = new HashMap<>(allValues());
        values.put("attachment", new UploadedFile("C:\\docs\\report.bin", "application/x-test", file, content.length));

        BinaryResult result = (BinaryResult) demo.predict(request(values, "application/zip"));

        assertThat(result.mediaType()).isEqualTo("application/zip");
        assertThat(result.fileName()).isEqualTo("demo.zip");
        Map<String, byte[]> entries = unzip(result.body());
        assertThat(entries).containsOnlyKeys("args.json", "report.bin");
        assertThat(entries.get("report.bin")).isEqualTo(content);
        String json = new String(entries.get("args.json"), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{\"text\":\"hello\",\"number\":50,\"ratio\":0.5,\"flag\":true,\"choice\":\"a\","
                + "\"numbers\":[1.0,2.5],\"attachment\":{\"name\":\"C:\\\\docs\\\\report.bin\"");
        assertThat(json).contains("\"types\":{\"text\":\"String\",\"number\":\"Long\"");
    }

    @Test
    void zipWithoutAttachmentHoldsOnlyArgsJson() throws Exception {
        BinaryResult result = (BinaryResult) demo.predict(request(Map.of("text", "x"), "application/zip"));

        Map<String, byte[]> entries = unzip(result.body());
        assertThat(entries).containsOnlyKeys("args.json");
        assertThat(new String(entries.get("args.json"), StandardCharsets.UTF_8))
                .isEqualTo("{\"text\":\"x\",\"types\":{\"text\":\"String\"}}");
    }

    @Test
    void attachmentNamesAreReducedToSafeBaseNames() {
        assertThat(DemoArchive.entryName("../../etc/passwd")).isEqualTo("passwd");
        assertThat(DemoArchive.entryName("a\\b\\c.txt")).isEqualTo("c.txt");
        assertThat(DemoArchive.entryName("dir/")).isEqualTo("attachment");
        assertThat(DemoArchive.entryName("..")).isEqualTo("attachment");
        assertThat(DemoArchive.entryName("")).isEqualTo("attachment");
        assertThat(DemoArchive.entryName(null)).isEqualTo("attachment");
        assertThat(DemoArchive.entryName("args.json")).isEqualTo("attachment-args.json");
        assertThat(DemoArchive.entryName("bad\u0000name\n.txt")).isEqualTo("badname.txt");
    }

    @Test
    void anUnsupportedResponseTypeIsRefused() {
        assertThatThrownBy(() -> demo.predict(request(Map.of("text", "x"), "text/csv")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Map<String, Object> allValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("text", "hello");
        values.put("number", 50L);
        values.put("ratio", 0.5);
        values.put("flag", true);
        values.put("choice", "a");
        values.put("numbers", List.of(1.0, 2.5));
        return values;
    }

    private static PredictRequest request(Map<String, Object> values, String type) {
        return new PredictRequest(values, type);
    }

    private UploadedFile attachment(String name, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(tmp.resolve("upload-" + System.nanoTime()), bytes);
        return new UploadedFile(name, "application/octet-stream", file, bytes.length);
    }

    private static long distinctColours(BufferedImage image) {
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }
}
