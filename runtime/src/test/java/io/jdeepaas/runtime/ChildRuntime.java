package io.jdeepaas.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The runtime started as a separate process ({@code java -cp <test classpath> ...cli.Main}), for
 * tests that must kill it hard. Its output goes to {@code <data-dir>/../runtime-<n>.log}, printed when
 * a test fails through {@link #log()}.
 */
public final class ChildRuntime implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path logFile;
    private final OkHttpClient client = new OkHttpClient.Builder().followRedirects(false)
            .readTimeout(Duration.ofSeconds(30)).build();

    private ChildRuntime(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
    }

    /**
     * Starts the runtime on a free port and waits until the named model is ready.
     *
     * @param dataDir the data folder
     * @param flags further flags, e.g. {@code --train-workers 1}
     */
    public static ChildRuntime start(Path dataDir, String model, String... flags) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "io.jdeepaas.runtime.cli.Main",
                "--listen-port", String.valueOf(port), "--data-dir", dataDir.toString(), "--model-name", model,
                "--device", "cpu"));
        command.addAll(List.of(flags));
        if (!command.contains("--engine-cache")) { // tests write nothing outside target/
            command.addAll(List.of("--engine-cache", TestRuntime.ENGINE_CACHE.toString()));
        }
        Path logFile;
        int n = 1;
        do {
            logFile = dataDir.toAbsolutePath().getParent().resolve("runtime-" + n++ + ".log");
        } while (Files.exists(logFile));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("DEEPAAS_"));
        ChildRuntime child = new ChildRuntime(builder.start(), port, logFile);
        child.awaitReady(model, Duration.ofMinutes(3));
        return child;
    }

    private void awaitReady(String model, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the runtime exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                TestRuntime.Answer answer = get("/v2/models/" + model + "/");
                if (answer.status() == 200 && answer.json().path("state").asText().equals("ready")) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("model " + model + " was not ready within " + timeout + ":\n" + log());
    }

    public TestRuntime.Answer get(String path) {
        return send(new Request.Builder().url(url(path)).get().build());
    }

    public TestRuntime.Answer delete(String path) {
        return send(new Request.Builder().url(url(path)).delete().build());
    }

    /** @return the runtime's process id */
    public long pid() {
        return process.pid();
    }

    public TestRuntime.Answer postJson(String path, Object body) {
        try {
            return send(new Request.Builder().url(url(path)).post(RequestBody.create(
                    TestRuntime.JSON.writeValueAsBytes(body), MediaType.get("application/json"))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls a training until its record satisfies the check. */
    public JsonNode awaitRecord(String model, String uuid, java.util.function.Predicate<JsonNode> check,
                                Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode record;
        do {
            record = get("/v2/models/" + model + "/train/" + uuid).json();
            if (check.test(record)) {
                return record;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("training " + uuid + " did not get there within " + timeout + ": " + record);
    }

    /** Polls a training until it has ended. */
    public JsonNode awaitEnd(String model, String uuid, Duration timeout) throws InterruptedException {
        return awaitRecord(model, uuid, r -> Set.of("done", "error", "cancelled", "interrupted")
                .contains(r.path("status").asText()), timeout);
    }

    /** Kills the process at once, as SIGKILL does: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** @return what the process printed */
    public String log() {
        try {
            return Files.readString(logFile);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private TestRuntime.Answer send(Request request) {
        try (Response response = client.newCall(request).execute()) {
            return new TestRuntime.Answer(response.code(), response.headers(), response.body() == null ? new byte[0]
                    : response.body().bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    /** @return a map for JSON bodies, for brevity */
    public static Map<String, Object> args(Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
