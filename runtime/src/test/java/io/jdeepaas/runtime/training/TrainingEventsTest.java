package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code GET .../train/{uuid}/events}: Server-Sent Events read by a real HTTP client. */
class TrainingEventsTest {

    static TestRuntime runtime;
    static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One parsed event. */
    record Event(String name, String id, JsonNode data) {
    }

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start("demo");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void theStreamCarriesProgressMetricsAndLogLinesAsTheyHappenAndEndsAfterTheFinalStatus() throws Exception {
        String uuid = runtime.trainDemo(Map.of("epochs", 3, "sleep", 0.6));
        HttpResponse<Stream<String>> response = open(uuid, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        List<Event> events = read(response, Duration.ofSeconds(30));

        assertThat(events.get(0).name()).isEqualTo("status");
        assertThat(events.get(0).data().path("status").asText()).isIn("queued", "running");
        Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("status");
        assertThat(last.data().path("status").asText()).isEqualTo("done");
        assertThat(last.data().at("/result/epochs").asLong()).isEqualTo(3);
        assertThat(events.stream().filter(e -> e.name().equals("metrics")).map(e -> e.data().path("step").asLong()))
                .containsExactly(1L, 2L, 3L);
        assertThat(events.stream().filter(e -> e.name().equals("metrics")).findFirst().orElseThrow().data()
                .at("/metrics/loss").asDouble()).isEqualTo(1.0);
        assertThat(events.stream().filter(e -> e.name().equals("log")).map(e -> e.data().path("line").asText()))
                .containsExactly("epoch 1/3 loss=1.0000", "epoch 2/3 loss=0.5000", "epoch 3/3 loss=0.3333");
        assertThat(events.stream().filter(e -> e.name().equals("progress")).map(e -> e.data().path("step").asLong()))
                .contains(3L);
        assertThat(events.stream().filter(e -> e.name().equals("status")).map(e -> e.data().path("status").asText()))
                .contains("running");
    }

    @Test
    void aClientConnectingAfterTheEndGetsTheStatusAndTheHistoryAtOnceAndNothingWhenItReconnects() throws Exception {
        String uuid = runtime.trainDemo(Map.of("epochs", 2, "sleep", 0));
        runtime.awaitTraining("demo", uuid, Duration.ofSeconds(30));
        long start = System.nanoTime();
        List<Event> events = read(open(uuid, null), Duration.ofSeconds(5));
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2000);
        assertThat(events.stream().map(Event::name)).containsExactly("status", "metrics", "metrics", "log", "log",
                "progress");
        assertThat(events.get(0).data().path("status").asText()).isEqualTo("done");

        String lastId = events.get(events.size() - 1).id();
        HttpResponse<Stream<String>> resumed = open(uuid, lastId);
        assertThat(resumed.statusCode()).as("a client that has seen everything is told to stop: 204").isEqualTo(204);
    }

    @Test
    void theEventsOfAnUnknownTrainingAre404Json() {
        TestRuntime.Answer answer = runtime.get("/v2/models/demo/train/0123456789abcdef0123456789abcdef/events");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("message").asText()).contains("no training");
    }

    private static HttpResponse<Stream<String>> open(String uuid, String lastEventId) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.url("/v2/models/demo/train/" + uuid
                + "/events"))).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(60));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines());
    }

    /** Reads events until the server ends the stream; fails if that takes longer than the limit. */
    private static List<Event> read(HttpResponse<Stream<String>> response, Duration limit) throws Exception {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + limit.toNanos();
        String name = null;
        String id = null;
        StringBuilder data = new StringBuilder();
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                assertThat(System.nanoTime()).as("the stream ended in time").isLessThan(deadline);
                String line = it.next();
                if (line.isEmpty()) {
                    if (name != null) {
                        events.add(new Event(name, id, TestRuntime.JSON.readTree(data.toString())));
                    }
                    name = null;
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("event: ")) {
                    name = line.substring(7);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        }
        assertThat(System.nanoTime()).as("the stream ended in time").isLessThan(deadline);
        return events;
    }
}
