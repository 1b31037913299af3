package io.jdeepaas.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import okhttp3.FormBody;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PredictApiTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start("demo", "echo");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void argumentsFromTheQueryStringAreTypedAndDefaultsApplied() {
        TestRuntime.Answer answer = runtime.post("/v2/models/demo/predict/?text=hello&ratio=0.25&flag=true&numbers=1,2.5",
                RequestBody.create(new byte[0], null));
        assertThat(answer.status()).isEqualTo(200);
        JsonNode json = answer.json();
        assertThat(json.path("status").asText()).isEqualTo("OK");
        JsonNode p = json.path("predictions");
        assertThat(p.path("text").asText()).isEqualTo("hello");
        assertThat(p.path("number").isIntegralNumber()).isTrue();
        assertThat(p.path("number").asLong()).isEqualTo(50);
        assertThat(p.path("ratio").asDouble()).isEqualTo(0.25);
        assertThat(p.path("flag").asBoolean()).isTrue();
        assertThat(p.path("choice").asText()).isEqualTo("a");
        assertThat(p.path("numbers").toString()).isEqualTo("[1.0,2.5]");
    }

    @Test
    void argumentsFromAUrlEncodedFormAreAccepted() {
        TestRuntime.Answer answer = runtime.post("/v2/models/demo/predict/",
                new FormBody.Builder().add("text", "form").add("number", "7").add("choice", "b").build());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().at("/predictions/number").asLong()).isEqualTo(7);
        assertThat(answer.json().at("/predictions/choice").asText()).isEqualTo("b");
    }

    @Test
    void argumentsFromAJsonBodyKeepTheirTypes() {
        TestRuntime.Answer answer = runtime.postJson("/v2/models/demo/predict/",
                Map.of("text", "json", "number", 3, "numbers", List.of(1, 2, 3), "flag", false));
        assertThat(answer.status()).isEqualTo(200);
        JsonNode p = answer.json().path("predictions");
        assertThat(p.path("number").asLong()).isEqualTo(3);
        assertThat(p.path("numbers").toString()).isEqualTo("[1.0,2.0,3.0]");
        assertThat(p.path("flag").asBoolean()).isFalse();
    }

    @Test
    void aMultipartUploadReachesTheModuleWithItsNameSizeAndDigestAndIsDeletedAfterwards() throws Exception {
        byte[] content = "some bytes to hash\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        TestRuntime.Answer answer = runtime.post("/v2/models/demo/predict/", TestRuntime.multipart()
                .addFormDataPart("text", "upload")
                .addFormDataPart("attachment", "notes.txt", RequestBody.create(content, MediaType.get("text/plain")))
                .build());
        assertThat(answer.status()).isEqualTo(200);
        JsonNode file = answer.json().at("/predictions/attachment");
        assertThat(file.path("name").asText()).isEqualTo("notes.txt");
        assertThat(file.path("size").asLong()).isEqualTo(content.length);
        assertThat(file.path("sha256").asText()).isEqualTo(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)));
        assertThat(leftoverUploads()).isEmpty();
    }

    @Test
    void jsonBodiesOfAnySizeAndScriptArriveIntact() {
        for (int size : new int[] {10, 511, 512, 2_047, 16_383, 16_384, 40_000}) {
            for (String letter : new String[] {"a", "é", "語"}) {
                String text = letter.repeat(size / letter.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
                TestRuntime.Answer answer = runtime.postJson("/v2/models/demo/predict/", Map.of("text", text));
                assertThat(answer.status()).as(size + " bytes of " + letter + ": " + answer.text()).isEqualTo(200);
                assertThat(answer.json().path("predictions").path("text").asText()).isEqualTo(text);
            }
        }
        TestRuntime.Answer trailing = runtime.post("/v2/models/demo/predict/",
                RequestBody.create("{\"text\":\"a\"} {}", okhttp3.MediaType.get("application/json")));
        assertThat(trailing.status()).as(trailing.text()).isEqualTo(400);
    }

    @Test
    void everyInvalidArgumentIsListedInOne422() {
        TestRuntime.Answer answer = runtime.postJson("/v2/models/demo/predict/",
                Map.of("number", 500, "choice", "z", "ratio", "abc", "surprise", 1));
        assertThat(answer.status()).isEqualTo(422);
        JsonNode errors = answer.json().path("errors");
        assertThat(errors.path("text").toString()).contains("is required");
        assertThat(errors.path("number").toString()).contains("at most 100");
        assertThat(errors.path("choice").toString()).contains("one of a, b, c");
        assertThat(errors.path("ratio").toString()).contains("must be a number");
        assertThat(errors.path("surprise").toString()).contains("is not an argument");
        assertThat(answer.json().path("message").asText()).contains("invalid arguments");
    }

    @Test
    void aMalformedJsonBodyIs400() {
        TestRuntime.Answer answer = runtime.post("/v2/models/demo/predict/",
                RequestBody.create("{\"text\": ", MediaType.get("application/json")));
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("message").asText()).contains("not valid JSON");
        assertThat(runtime.post("/v2/models/demo/predict/",
                RequestBody.create("[1,2]", MediaType.get("application/json"))).status()).isEqualTo(400);
    }

    @Test
    void anUnsupportedContentTypeIs415() {
        TestRuntime.Answer answer = runtime.post("/v2/models/demo/predict/",
                RequestBody.create("<a/>", MediaType.get("application/xml")));
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.json().path("message").asText()).contains("application/xml");
    }

    @Test
    void aPngIsAnsweredWhenTheAcceptHeaderAsksForIt() throws Exception {
        TestRuntime.Answer answer = runtime.post("/v2/models/demo/predict/",
                new FormBody.Builder().add("text", "chart").add("numbers", "1,4,2,8").build(), "image/png");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("image/png");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(answer.body()));
        assertThat(image.getWidth()).isGreaterThan(50);
    }

    @Test
    void aZipIsAnsweredWhenTheAcceptArgumentAsksForItWithArgsAndAttachment() throws Exception {
        byte[] content = {1, 2, 3, 4, 5};
        TestRuntime.Answer answer = runtime.post("/v2/models/demo/predict/?accept=application/zip",
                TestRuntime.multipart().addFormDataPart("text", "zip")
                        .addFormDataPart("attachment", "data.bin", RequestBody.create(content, null)).build());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/zip");
        Map<String, byte[]> entries = new java.util.HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(answer.body()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertThat(entries).containsKeys("args.json", "data.bin");
        assertThat(entries.get("data.bin")).isEqualTo(content);
        assertThat(new String(entries.get("args.json"), StandardCharsets.UTF_8)).contains("\"text\"");
        assertThat(leftoverUploads()).isEmpty();
    }

    @Test
    void anAcceptHeaderNoTypeOfTheModelMatchesIs406AndABadAcceptArgumentIs422() {
        assertThat(runtime.post("/v2/models/demo/predict/", new FormBody.Builder().add("text", "x").build(),
                "text/csv").status()).isEqualTo(406);
        assertThat(runtime.post("/v2/models/demo/predict/?accept=text/csv",
                new FormBody.Builder().add("text", "x").build()).status()).isEqualTo(422);
    }

    @Test
    void moduleFailuresAreTranslatedOnceAndTheServerServesOn() {
        TestRuntime.Answer crash = runtime.postJson("/v2/models/echo/predict/", Map.of("text", "crash"));
        assertThat(crash.status()).isEqualTo(500);
        assertThat(crash.json().path("message").asText()).contains("the echo chamber collapsed");
        assertThat(runtime.postJson("/v2/models/echo/predict/", Map.of("text", "bad")).status()).isEqualTo(400);
        TestRuntime.Answer invalid = runtime.postJson("/v2/models/echo/predict/", Map.of("text", "invalid"));
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().at("/errors/text/0").asText()).isEqualTo("must not be 'invalid'");
        assertThat(runtime.postJson("/v2/models/echo/predict/", Map.of("text", "unsupported")).status()).isEqualTo(501);
        TestRuntime.Answer ok = runtime.postJson("/v2/models/echo/predict/", Map.of("text", "ab", "times", 2));
        assertThat(ok.json().at("/predictions/echo").asText()).isEqualTo("abab");
    }

    private static List<Path> leftoverUploads() {
        return runtime.uploadLeftovers();
    }
}
