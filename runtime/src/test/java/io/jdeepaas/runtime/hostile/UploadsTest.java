package io.jdeepaas.runtime.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Multipart bodies: parts go to disk as they arrive (never whole in the heap), too many parts is
 * reported as such, and a refused predict leaves nothing on disk.
 */
class UploadsTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = Hostile.start();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static Path uploads() {
        return runtime.dataDir().resolve("tmp").resolve("uploads");
    }

    /** @return every regular file under the upload folders but the processes' lock files */
    private static List<Path> filesOnDisk() throws IOException {
        try (Stream<Path> paths = Files.walk(uploads())) {
            return paths.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals(".owner")).toList();
        }
    }

    /** @return the folders under this process's upload folder (one per request with files) */
    private static List<Path> requestFolders() throws IOException {
        try (Stream<Path> owners = Files.list(uploads())) {
            return owners.flatMap(owner -> {
                try (Stream<Path> inside = Files.list(owner)) {
                    return inside.filter(Files::isDirectory).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void aMultipartBodyWithTooManyPartsIsReportedAsSuch() {
        okhttp3.MultipartBody.Builder form = TestRuntime.multipart().addFormDataPart("text", "hi");
        for (int i = 0; i < 30; i++) {
            form.addFormDataPart("field" + i, "v");
        }
        TestRuntime.Answer answer = runtime.post("/v2/models/demo/predict/", form.build());
        assertThat(answer.status()).as(answer.text()).isEqualTo(413);
        assertThat(Hostile.message(answer.json(), "message")).contains("too many parts").contains("--max-parts")
                .doesNotContain("exceeds the limit of");
    }

    @Test
    void aPartBeingUploadedIsOnDiskNotInTheHeap() throws Exception {
        byte[] part = new byte[512 * 1024];
        java.util.Arrays.fill(part, (byte) 'x');
        assertThat(runtime.post("/v2/models/demo/predict/", TestRuntime.multipart().addFormDataPart("text", "warm")
                .build()).status()).as("a first multipart request warms the server").isEqualTo(200);
        try (RawHttp http = new RawHttp(runtime.server().port())) {
            http.send(RawHttp.head("POST", "/v2/models/demo/predict/", "Content-Type: multipart/form-data; boundary=b",
                    "Content-Length: 900000"));
            http.send(("--b\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhi\r\n--b\r\nContent-Disposition:"
                    + " form-data; name=\"attachment\"; filename=\"big.bin\"\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            http.send(part); // and then the client stalls, as a slow upload would
            long onDisk = 0;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (onDisk < part.length / 2 && System.nanoTime() < deadline) {
                onDisk = Math.max(onDisk, filesOnDisk().stream().mapToLong(p -> p.toFile().length()).sum());
                Thread.sleep(10);
            }
            // all but what the parser and the file's buffer still hold (a few KB)
            assertThat(onDisk).as("bytes of the unfinished upload on disk").isGreaterThan(part.length / 2);
            assertThat(http.read().status()).isEqualTo(408);
        }
        TestRuntime.eventually(java.time.Duration.ofSeconds(5), "the spooled part is deleted",
                () -> uncheckedFiles().isEmpty());
    }

    private static List<Path> uncheckedFiles() {
        try {
            return filesOnDisk();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aRefusedPredictLeavesNothingOnDisk() throws Exception {
        byte[] file = new byte[64 * 1024];
        // 422: an unknown argument beside the file
        TestRuntime.Answer invalid = runtime.post("/v2/models/demo/predict/", TestRuntime.multipart()
                .addFormDataPart("text", "hi").addFormDataPart("nope", "1")
                .addFormDataPart("attachment", "a.bin", RequestBody.create(file, MediaType.get("application/octet-stream")))
                .build());
        assertThat(invalid.status()).isEqualTo(422);
        // 413: too many parts after a file
        okhttp3.MultipartBody.Builder many = TestRuntime.multipart()
                .addFormDataPart("attachment", "a.bin", RequestBody.create(file, MediaType.get("application/octet-stream")));
        for (int i = 0; i < 30; i++) {
            many.addFormDataPart("f" + i, "v");
        }
        assertThat(runtime.post("/v2/models/demo/predict/", many.build()).status()).isEqualTo(413);
        // 400: a multipart body cut short after a file's bytes
        try (RawHttp http = new RawHttp(runtime.server().port())) {
            String body = "--b\r\nContent-Disposition: form-data; name=\"attachment\"; filename=\"a.bin\"\r\n\r\n"
                    + "x".repeat(20_000);
            http.send(RawHttp.head("POST", "/v2/models/demo/predict/", "Content-Type: multipart/form-data; boundary=b",
                    "Content-Length: " + body.length()) + body);
            assertThat(http.read().status()).isEqualTo(400);
        }
        // 404: an unknown model
        assertThat(runtime.post("/v2/models/nobody/predict/", TestRuntime.multipart()
                .addFormDataPart("attachment", "a.bin", RequestBody.create(file, MediaType.get("application/octet-stream")))
                .build()).status()).isEqualTo(404);
        assertThat(filesOnDisk()).as("files left on disk").isEmpty();
        assertThat(requestFolders()).as("request folders left on disk").isEmpty();
    }

    @Test
    void aPredictWithoutFilesMakesNoFolder() throws Exception {
        TestRuntime.Answer answer = runtime.post("/v2/models/demo/predict/", TestRuntime.multipart()
                .addFormDataPart("text", "x".repeat(10_000)).build());
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        assertThat(answer.json().at("/predictions/text").asText()).hasSize(10_000);
        assertThat(requestFolders()).isEmpty();
        assertThat(filesOnDisk()).isEmpty();
    }
}
