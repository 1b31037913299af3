package io.jdeepaas.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepaas.runtime.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A small HTTP client of a runtime started by {@link JdeepaasRuntime}: predict, train, follow a
 * training to its end, cancel it, and tensor inference, over real HTTP on the loopback interface.
 */
public final class RuntimeClient {

    private static final ObjectMapper JSON = Json.mapper();
    private static final Set<String> FINAL = Set.of("done", "error", "cancelled", "interrupted");

    /**
     * One HTTP answer, read whole.
     *
     * @param status the status code
     * @param contentType its Content-Type, or {@code null}
     * @param body its body
     */
    public record Answer(int status, String contentType, byte[] body) {
        /** @return the body as JSON */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text(), e);
            }
        }

        /** @return the body as UTF-8 text */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    RuntimeClient(String base) {
        this.base = base;
    }

    /**
     * A client of a runtime started some other way, e.g. the runtime jar in a process of its own.
     *
     * @param baseUrl the runtime's base URL, e.g. {@code http://127.0.0.1:5000}
     * @return the client
     */
    public static RuntimeClient connect(String baseUrl) {
        return new RuntimeClient(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
    }

    /** @return the runtime's base URL, e.g. {@code http://127.0.0.1:41234} */
    public String baseUrl() {
        return base;
    }

    /**
     * @param model the model
     * @param args the arguments, sent as a JSON body
     * @return the answer (200 with {@code predictions}, or the error)
     */
    public Answer predict(String model, Map<String, ?> args) {
        return postJson("/v2/models/" + model + "/predict/", args);
    }

    /**
     * Starts a training.
     *
     * @param model the model
     * @param args the training arguments
     * @return the new training's record
     * @throws AssertionError when the runtime does not start it
     */
    public JsonNode train(String model, Map<String, ?> args) {
        Answer answer = postJson("/v2/models/" + model + "/train/", args);
        if (answer.status() != 200) {
            throw new AssertionError("the training did not start: " + answer.status() + " " + answer.text());
        }
        return answer.json();
    }

    /**
     * Waits for a training to end.
     *
     * @param model the model
     * @param uuid the training
     * @param timeout how long to wait
     * @return its final record (done, error, cancelled or interrupted)
     */
    public JsonNode follow(String model, String uuid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode record;
        do {
            record = get("/v2/models/" + model + "/train/" + uuid).json();
            if (FINAL.contains(record.path("status").asText())) {
                return record;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while following training " + uuid, e);
            }
        } while (System.nanoTime() < deadline);
        throw new AssertionError("training " + uuid + " did not end within " + timeout + ": " + record);
    }

    /**
     * @param model the model
     * @param uuid the training
     * @return the record the cancel answered
     */
    public JsonNode cancel(String model, String uuid) {
        return send(HttpRequest.newBuilder(URI.create(base + "/v2/models/" + model + "/train/" + uuid)).DELETE()
                .build()).json();
    }

    /**
     * Open Inference Protocol tensor inference.
     *
     * @param model the model
     * @param body the inference request, e.g. {@code Map.of("inputs", List.of(...))}
     * @return the answer
     */
    public Answer infer(String model, Map<String, ?> body) {
        return postJson("/v2/models/" + model + "/infer", body);
    }

    /** @return the answer to a GET of a path, e.g. {@code /v2/models/} */
    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    /** @return the answer to a POST of a JSON body to a path */
    public Answer postJson(String path, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
