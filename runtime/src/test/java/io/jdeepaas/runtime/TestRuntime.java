package io.jdeepaas.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Starts the real runtime on a free port with the modules on the test classpath (the example
 * modules and the test fixtures), and talks to it over real HTTP.
 */
public final class TestRuntime implements AutoCloseable {

    public static final ObjectMapper JSON = Json.mapper();

    /** One engine cache for every test: the natives are extracted once per build, not once per test. */
    public static final Path ENGINE_CACHE = Path.of("target", "test-engines").toAbsolutePath();

    private final Server server;
    private final Path dataDir;
    private final String basePath;
    private final OkHttpClient client = new OkHttpClient.Builder().followRedirects(false)
            .readTimeout(Duration.ofSeconds(60)).build();

    /** An HTTP answer, read whole. */
    public record Answer(int status, okhttp3.Headers headers, byte[] body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text(), e);
            }
        }

        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name);
        }
    }

    private TestRuntime(Server server, Path dataDir, String basePath) {
        this.server = server;
        this.dataDir = dataDir;
        this.basePath = basePath;
    }

    /** Starts the runtime serving only the named models. */
    public static TestRuntime start(String... models) {
        return start(c -> c, models);
    }

    /** Starts the runtime serving only the named models, with a configuration adjusted by the caller. */
    public static TestRuntime start(UnaryOperator<RuntimeConfig.Builder> adjust, String... models) {
        return start(adjust, true, models);
    }

    /** Starts the runtime and answers at once, while its models may still be loading. */
    public static TestRuntime startWhileLoading(UnaryOperator<RuntimeConfig.Builder> adjust, String... models) {
        return start(adjust, false, models);
    }

    private static TestRuntime start(UnaryOperator<RuntimeConfig.Builder> adjust, boolean awaitWarm, String... models) {
        try {
            return startOn(Files.createTempDirectory("jdeepaas-test"), adjust, awaitWarm, models);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the runtime on an existing data folder (e.g. again after {@link #close()}), once warm. */
    public static TestRuntime startOn(Path dataDir, UnaryOperator<RuntimeConfig.Builder> adjust, String... models) {
        return startOn(dataDir, adjust, true, models);
    }

    private static TestRuntime startOn(Path dataDir, UnaryOperator<RuntimeConfig.Builder> adjust, boolean awaitWarm,
                                       String... models) {
        try {
            RuntimeConfig config = adjust.apply(RuntimeConfig.builder(dataDir).listenPort(0).device("cpu")
                    .engineCacheDir(ENGINE_CACHE)
                    .modelNames(Set.of(models))).build();
            Server server = Server.start(config);
            if (awaitWarm) {
                server.awaitWarm(Duration.ofMinutes(5));
            }
            return new TestRuntime(server, dataDir, config.basePath());
        } catch (Exception e) {
            throw new IllegalStateException("the runtime did not start", e);
        }
    }

    public Path dataDir() {
        return dataDir;
    }

    public Server server() {
        return server;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.port() + basePath + path;
    }

    public Answer get(String path) {
        return send(new Request.Builder().url(url(path)).get().build());
    }

    public Answer delete(String path) {
        return send(new Request.Builder().url(url(path)).delete().build());
    }

    /** PUTs a JSON body. */
    public Answer putJson(String path, Object body) {
        try {
            return send(new Request.Builder().url(url(path)).put(RequestBody.create(JSON.writeValueAsBytes(body),
                    MediaType.get("application/json"))).build());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Answer postJson(String path, Object body) {
        try {
            return post(path, RequestBody.create(JSON.writeValueAsBytes(body), MediaType.get("application/json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer post(String path, RequestBody body) {
        return send(new Request.Builder().url(url(path)).post(body).build());
    }

    public Answer post(String path, RequestBody body, String accept) {
        return send(new Request.Builder().url(url(path)).post(body).header("Accept", accept).build());
    }

    public static MultipartBody.Builder multipart() {
        return new MultipartBody.Builder().setType(MultipartBody.FORM);
    }

    public Answer send(Request request) {
        try (Response response = client.newCall(request).execute()) {
            return new Answer(response.code(), response.headers(), response.body() == null ? new byte[0]
                    : response.body().bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends a JSON POST over a raw socket and leaves the answer unread, so a test can close the
     * connection as a client that goes away would.
     *
     * @return the open socket; the caller closes it
     */
    public java.net.Socket postRaw(String path, String json) throws IOException {
        java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port());
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String head = "POST " + basePath + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        socket.getOutputStream().write(body);
        socket.getOutputStream().flush();
        return socket;
    }

    /**
     * @return what requests left under the upload folders: every file and folder but the process
     *     folders themselves and their lock files
     */
    public List<Path> uploadLeftovers() {
        Path uploads = dataDir.resolve("tmp").resolve("uploads");
        if (!Files.exists(uploads)) {
            return List.of();
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(uploads)) {
            return paths.filter(p -> !p.equals(uploads) && !p.getParent().equals(uploads)
                    && !p.getFileName().toString().equals(".owner")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code /metrics} and returns the value of the first sample whose line starts with {@code prefix}. */
    public double metric(String prefix) {
        for (String line : get("/metrics").text().split("\n")) {
            if (line.startsWith(prefix)) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no metric line starts with " + prefix);
    }

    /** Waits until the condition holds, or fails after the timeout. */
    public static void eventually(Duration timeout, String what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Polls a training until it has ended or the time is up. */
    public JsonNode awaitTraining(String model, String uuid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode record;
        do {
            record = get("/v2/models/" + model + "/train/" + uuid).json();
            String status = record.path("status").asText();
            if (Set.of("done", "error", "cancelled", "interrupted").contains(status)) {
                return record;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("training " + uuid + " did not end within " + timeout + ": " + record);
    }

    /** Polls a training until it has the status or the time is up. */
    public JsonNode awaitStatus(String model, String uuid, String status, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode record;
        do {
            record = get("/v2/models/" + model + "/train/" + uuid).json();
            if (record.path("status").asText().equals(status)) {
                return record;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("training " + uuid + " was not " + status + " within " + timeout + ": " + record);
    }

    /** Starts a demo training and returns its uuid. */
    public String trainDemo(Map<String, ?> args) {
        Answer answer = postJson("/v2/models/demo/train/", args);
        if (answer.status() != 200) {
            throw new AssertionError("training not started: " + answer.status() + " " + answer.text());
        }
        return answer.json().path("uuid").asText();
    }

    @Override
    public void close() {
        server.close();
    }
}
