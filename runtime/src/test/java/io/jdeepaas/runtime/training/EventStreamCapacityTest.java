package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * Open event streams hold no request thread: more streams than Jetty's request pool has threads
 * (Javalin's default pool: 250) leave predict and health answering at once; the streams of clients
 * that leave are freed; beyond the caps a new stream is 429.
 */
class EventStreamCapacityTest {

    private static final int STREAMS = 300;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void threeHundredOpenStreamsLeavePredictAndHealthAnsweringWithin100MillisecondsAndAreFreedWhenClientsLeave()
            throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c.maxEventStreamsPerTraining(STREAMS + 10)
                .eventStreamKeepAlive(Duration.ofMillis(500)), "demo")) {
            String uuid = runtime.trainDemo(Map.of("epochs", 60, "sleep", 1));
            runtime.awaitStatus("demo", uuid, "running", Duration.ofSeconds(30));
            measure(runtime, 5); // warm
            int threadsBefore = THREADS.getThreadCount();

            List<SseClient> streams = new ArrayList<>();
            try {
                for (int i = 0; i < STREAMS; i++) {
                    SseClient stream = SseClient.open(runtime.server().port(), "/v2/models/demo/train/" + uuid + "/events",
                            null, Duration.ofSeconds(20));
                    assertThat(stream.status()).isEqualTo(200);
                    streams.add(stream);
                }
                for (SseClient stream : streams) {
                    assertThat(stream.next().name()).as("every stream is live").isEqualTo("status");
                }
                assertThat(runtime.metric("deepaas_event_streams ")).isEqualTo(STREAMS);
                long[] predict = measure(runtime, 20);
                long[] health = health(runtime, 20);
                System.out.println("event streams: " + STREAMS + " open; predict ms " + Arrays.toString(predict)
                        + "; health ms " + Arrays.toString(health) + "; threads " + threadsBefore + " -> "
                        + THREADS.getThreadCount());
                assertThat(predict[predict.length / 2]).as("median predict ms").isLessThan(100);
                assertThat(health[health.length / 2]).as("median health ms").isLessThan(100);
                assertThat(predict[predict.length - 1]).as("slowest predict ms").isLessThan(1000);
                assertThat(health[health.length - 1]).as("slowest health ms").isLessThan(1000);
                assertThat(THREADS.getThreadCount() - threadsBefore).as("threads added by " + STREAMS + " streams")
                        .isLessThan(30);
                assertThat(streams.get(0).next().name()).as("the streams still carry events").isIn("metrics", "log",
                        "progress");
            } finally {
                for (SseClient stream : streams) {
                    stream.close();
                }
            }
            TestRuntime.eventually(Duration.ofSeconds(10), "the streams of clients that left are freed",
                    () -> runtime.metric("deepaas_event_streams ") == 0);
            assertThat(runtime.delete("/v2/models/demo/train/" + uuid).status()).isEqualTo(200);
        }
    }

    @Test
    void beyondTheCapsANewStreamIs429WithRetryAfterAndAFreedPlaceIsUsableAgain() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c.maxEventStreams(5).maxEventStreamsPerTraining(3)
                .eventStreamKeepAlive(Duration.ofMillis(300)), "demo")) {
            String first = runtime.trainDemo(Map.of("epochs", 60, "sleep", 1));
            String second = runtime.trainDemo(Map.of("epochs", 60, "sleep", 1));
            List<SseClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    open.add(expectStream(runtime, first));
                }
                try (SseClient refused = stream(runtime, first)) {
                    assertThat(refused.status()).isEqualTo(429);
                    assertThat(refused.header("Retry-After")).isEqualTo("10");
                    assertThat(TestRuntime.JSON.readTree(refused.body()).path("message").asText())
                            .contains("--max-event-streams-per-training 3");
                }
                open.add(expectStream(runtime, second));
                open.add(expectStream(runtime, second));
                try (SseClient refused = stream(runtime, second)) {
                    assertThat(refused.status()).isEqualTo(429);
                    assertThat(TestRuntime.JSON.readTree(refused.body()).path("message").asText())
                            .contains("--max-event-streams 5");
                }
                open.remove(0).close();
                TestRuntime.eventually(Duration.ofSeconds(10), "the stream of the client that left is freed",
                        () -> runtime.metric("deepaas_event_streams ") == 4);
                open.add(expectStream(runtime, first));
            } finally {
                for (SseClient stream : open) {
                    stream.close();
                }
            }
            runtime.delete("/v2/models/demo/train/" + second);
            runtime.delete("/v2/models/demo/train/" + first);
        }
    }

    private static SseClient stream(TestRuntime runtime, String uuid) throws Exception {
        return SseClient.open(runtime.server().port(), "/v2/models/demo/train/" + uuid + "/events", null,
                Duration.ofSeconds(10));
    }

    private static SseClient expectStream(TestRuntime runtime, String uuid) throws Exception {
        SseClient stream = stream(runtime, uuid);
        assertThat(stream.status()).isEqualTo(200);
        assertThat(stream.next().name()).isEqualTo("status");
        return stream;
    }

    /** @return the milliseconds of each prediction, sorted */
    private static long[] measure(TestRuntime runtime, int count) {
        long[] millis = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            TestRuntime.Answer answer = runtime.post("/v2/models/demo/predict/?text=hello",
                    RequestBody.create(new byte[0], null));
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
        }
        Arrays.sort(millis);
        return millis;
    }

    /** @return the milliseconds of each readiness check, sorted */
    private static long[] health(TestRuntime runtime, int count) {
        long[] millis = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            TestRuntime.Answer answer = runtime.get("/v2/health/ready");
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            assertThat(answer.status()).isEqualTo(200);
        }
        Arrays.sort(millis);
        return millis;
    }
}
