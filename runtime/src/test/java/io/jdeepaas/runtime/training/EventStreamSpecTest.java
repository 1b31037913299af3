package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The training event stream as the Server-Sent Events specification and a browser's {@code
 * EventSource} see it, read byte by byte on a raw socket: {@code retry:}, one id per event, 204 on a
 * reconnect after the end (so {@code EventSource} stops), 400 on ids the stream never gave, status first.
 */
class EventStreamSpecTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start("demo");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static String events(String uuid) {
        return "/v2/models/demo/train/" + uuid + "/events";
    }

    private static SseClient open(String uuid, String lastEventId) throws Exception {
        return SseClient.open(runtime.server().port(), events(uuid), lastEventId, Duration.ofSeconds(30));
    }

    @Test
    void aLiveStreamSetsItsRetryStartsWithTheStatusGivesEveryEventItsOwnIdAndEndsAfterTheFinalStatus() throws Exception {
        String uuid = runtime.trainDemo(Map.of("epochs", 4, "sleep", 0.5));
        List<SseClient.Event> events;
        try (SseClient stream = open(uuid, null)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.header("Content-Type")).startsWith("text/event-stream");
            events = stream.readToEnd();
            assertThat(stream.retries()).as("a retry: field").containsExactly(5000L);
        }
        assertThat(events.get(0).name()).isEqualTo("status");
        assertThat(events.get(0).json().path("status").asText()).isIn("queued", "running");
        SseClient.Event last = events.get(events.size() - 1);
        assertThat(last.name()).isEqualTo("status");
        assertThat(last.json().path("status").asText()).isEqualTo("done");
        assertThat(events.stream().filter(e -> e.name().equals("metrics")).map(e -> e.json().path("step").asLong()))
                .containsExactly(1L, 2L, 3L, 4L);
        assertUniqueIds(events);
    }

    @Test
    void theStreamOfAnEndedTrainingStartsWithItsStatusAndAReconnectAfterTheEndIs204() throws Exception {
        String uuid = runtime.trainDemo(Map.of("epochs", 2, "sleep", 0));
        runtime.awaitTraining("demo", uuid, Duration.ofSeconds(30));
        List<SseClient.Event> events;
        try (SseClient stream = open(uuid, null)) {
            assertThat(stream.status()).isEqualTo(200);
            events = stream.readToEnd();
            assertThat(stream.retries()).containsExactly(5000L);
        }
        assertThat(events.stream().map(SseClient.Event::name)).containsExactly("status", "metrics", "metrics", "log",
                "log", "progress");
        assertThat(events.get(0).json().path("status").asText()).isEqualTo("done");
        assertUniqueIds(events);

        try (SseClient again = open(uuid, events.get(events.size() - 1).id())) {
            assertThat(again.status()).as("EventSource stops on 204").isEqualTo(204);
            assertThat(again.body()).isEmpty();
        }
    }

    @Test
    void aReconnectInTheMiddleGetsTheRestWithoutRepeats() throws Exception {
        String uuid = runtime.trainDemo(Map.of("epochs", 3, "sleep", 0));
        runtime.awaitTraining("demo", uuid, Duration.ofSeconds(30));
        List<SseClient.Event> all;
        try (SseClient stream = open(uuid, null)) {
            all = stream.readToEnd();
        }
        SseClient.Event secondMetrics = all.stream().filter(e -> e.name().equals("metrics")).skip(1).findFirst()
                .orElseThrow();
        List<SseClient.Event> rest;
        try (SseClient stream = open(uuid, secondMetrics.id())) {
            assertThat(stream.status()).isEqualTo(200);
            rest = stream.readToEnd();
        }
        assertThat(rest).containsExactlyElementsOf(all.subList(all.indexOf(secondMetrics) + 1, all.size()));
    }

    @Test
    void aLastEventIdTheStreamNeverGaveIs400Json() throws Exception {
        String uuid = runtime.trainDemo(Map.of("epochs", 1, "sleep", 0));
        for (String bad : List.of("abc", "-1:-1", "1.2.3.4.finished", "1.2.3")) {
            try (SseClient stream = open(uuid, bad)) {
                assertThat(stream.status()).as(bad).isEqualTo(400);
                assertThat(stream.header("Content-Type")).startsWith("application/json");
                assertThat(TestRuntime.JSON.readTree(stream.body()).path("message").asText())
                        .contains("Last-Event-ID").contains("not an id of this event stream");
            }
        }
    }

    private static void assertUniqueIds(List<SseClient.Event> events) {
        Set<String> ids = new HashSet<>();
        for (SseClient.Event e : events) {
            assertThat(e.id()).as("every event has an id").isNotBlank();
            assertThat(ids.add(e.id())).as("id %s of %s is not shared with an earlier event", e.id(), e.name()).isTrue();
        }
    }
}
