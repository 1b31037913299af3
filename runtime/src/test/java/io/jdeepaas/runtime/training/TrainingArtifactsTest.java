package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Listing and downloading a training's artifacts, and nothing outside its output folder. */
class TrainingArtifactsTest {

    static TestRuntime runtime;
    static String uuid;
    static Path output;

    @BeforeAll
    static void start() throws Exception {
        runtime = TestRuntime.start("demo");
        uuid = runtime.trainDemo(Map.of("epochs", 2, "sleep", 0));
        runtime.awaitTraining("demo", uuid, Duration.ofSeconds(30));
        output = runtime.dataDir().resolve("trainings/demo/" + uuid + "/output");
        Files.createDirectories(output.resolve("plots/run 1"));
        Files.writeString(output.resolve("plots/run 1/curve.json"), "{\"loss\": [1, 0.5]}");
        Files.createDirectories(output.resolve("logs"));
        Files.writeString(output.resolve("logs/big.log"), "a line of a long training log\n".repeat(10_000));
        Files.writeString(runtime.dataDir().resolve("secret.txt"), "not for download");
        Files.createSymbolicLink(output.resolve("escape.txt"), runtime.dataDir().resolve("secret.txt"));
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void theListingNamesEachFileWithItsSizeAndSha256() throws Exception {
        JsonNode listing = runtime.get("/v2/models/demo/train/" + uuid + "/artifacts/").json();
        assertThat(listing.path("uuid").asText()).isEqualTo(uuid);
        JsonNode artifacts = listing.path("artifacts");
        assertThat(artifacts.findValuesAsText("name")).containsExactly("logs/big.log", "model.txt",
                "plots/run 1/curve.json");
        byte[] model = Files.readAllBytes(output.resolve("model.txt"));
        assertThat(artifacts.get(1).path("size").asLong()).isEqualTo(model.length);
        assertThat(artifacts.get(1).path("sha256").asText())
                .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(model)));
        assertThat(runtime.get("/v2/models/demo/train/" + uuid + "/artifacts").status()).isEqualTo(308);
    }

    @Test
    void aFileDownloadsWithItsMediaTypeAndAsAnAttachment() throws Exception {
        TestRuntime.Answer model = runtime.get("/v2/models/demo/train/" + uuid + "/artifacts/model.txt");
        assertThat(model.status()).isEqualTo(200);
        assertThat(model.header("Content-Type")).startsWith("text/plain");
        assertThat(model.header("Content-Disposition")).startsWith("attachment").contains("filename=\"model.txt\"");
        assertThat(model.body()).isEqualTo(Files.readAllBytes(output.resolve("model.txt")));
        TestRuntime.Answer nested = runtime.get("/v2/models/demo/train/" + uuid + "/artifacts/plots/run%201/curve.json");
        assertThat(nested.status()).isEqualTo(200);
        assertThat(nested.header("Content-Type")).startsWith("application/json");
        assertThat(nested.json().at("/loss/1").asDouble()).isEqualTo(0.5);
        TestRuntime.Answer big = runtime.get("/v2/models/demo/train/" + uuid + "/artifacts/logs/big.log");
        assertThat(big.status()).isEqualTo(200);
        assertThat(big.body()).isEqualTo(Files.readAllBytes(output.resolve("logs/big.log")));
    }

    @Test
    void pathsLeavingTheOutputFolderAreRefusedWithAJsonError() throws Exception {
        for (String path : List.of("..%2F..%2F..%2F..%2Fsecret.txt", "..%2F..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fpasswd",
                "%2E%2E%2F%2E%2E%2F%2E%2E%2F%2E%2E%2Fsecret.txt", "plots/..%2F..%2F..%2F..%2F..%2Fsecret.txt", "%2Fetc%2Fpasswd",
                "..%5C..%5C..%5C..%5Csecret.txt", "escape.txt", "plots", "missing.bin")) {
            TestRuntime.Answer answer = runtime.get("/v2/models/demo/train/" + uuid + "/artifacts/" + path);
            assertThat(answer.status()).as(path + " -> " + answer.text()).isIn(400, 404);
            assertThat(answer.json().path("message").asText()).as(path).isNotBlank();
            assertThat(answer.text()).doesNotContain("not for download").doesNotContain("root:");
        }
        assertThat(runtime.get("/v2/models/demo/train/" + uuid + "/artifacts/").json().findValuesAsText("name"))
                .doesNotContain("escape.txt");
    }

    @Test
    void literalDotDotSegmentsSentOnTheWireNeverReachAFileOutside() throws Exception {
        URI base = URI.create(runtime.url("/"));
        for (String path : List.of("/v2/models/demo/train/" + uuid + "/artifacts/../../../../../../secret.txt",
                "/v2/models/demo/train/" + uuid + "/artifacts/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt")) {
            try (Socket socket = new Socket(base.getHost(), base.getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String status = new BufferedReader(new InputStreamReader(new java.io.ByteArrayInputStream(
                        response.getBytes(StandardCharsets.UTF_8)))).readLine();
                assertThat(status).as(path).matches("HTTP/1.1 (400|404).*");
                assertThat(response).doesNotContain("not for download");
            }
        }
    }
}
