package io.jdeepaas.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.fixtures.LedgerModel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A prediction not answered within its model's timeout is answered 504, and its work is dropped. */
class PredictTimeoutTest {

    @Test
    void aQueuedPredictionWhoseTimeRunsOutIsAnswered504AndNeverRuns() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c.predictionLimits(1, 4, Duration.ofSeconds(60))
                .modelSetting("ledger", "timeout", "1"), "ledger")) {
            CompletableFuture<TestRuntime.Answer> stubborn = CompletableFuture.supplyAsync(() -> runtime.postJson(
                    "/v2/models/ledger/predict/", Map.of("id", "to-stubborn", "sleep_ms", 3000, "stubborn", true)));
            TestRuntime.eventually(Duration.ofSeconds(10), "the stubborn prediction runs",
                    () -> LedgerModel.STARTED.contains("to-stubborn"));

            long start = System.nanoTime();
            TestRuntime.Answer queued = runtime.postJson("/v2/models/ledger/predict/", Map.of("id", "to-queued"));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(queued.status()).as(queued.text()).isEqualTo(504);
            assertThat(queued.json().path("message").asText()).contains("did not answer within 1000 ms");
            assertThat(millis).as("the queued prediction's 504 comes at its own deadline").isBetween(800L, 2500L);
            assertThat(stubborn.get().status()).as("the running one is answered at its deadline too").isEqualTo(504);
            TestRuntime.eventually(Duration.ofSeconds(10), "the stubborn prediction ends",
                    () -> LedgerModel.FINISHED.contains("to-stubborn"));
            Thread.sleep(500); // time for the freed worker to take the dropped job, were it still queued
            assertThat(LedgerModel.STARTED).as("the dropped prediction never ran").doesNotContain("to-queued");
            assertThat(runtime.metric("deepaas_inference_queue_depth{model=\"ledger\"}")).isEqualTo(0.0);
        }
    }

    @Test
    void aRunningPredictionWhoseTimeRunsOutIsInterrupted() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c.predictionLimits(1, 4, Duration.ofSeconds(1)),
                "ledger")) {
            TestRuntime.Answer answer = runtime.postJson("/v2/models/ledger/predict/",
                    Map.of("id", "to-interrupted", "sleep_ms", 20000));
            assertThat(answer.status()).isEqualTo(504);
            TestRuntime.eventually(Duration.ofSeconds(5), "the module sees the interrupt",
                    () -> LedgerModel.INTERRUPTED.contains("to-interrupted"));
            assertThat(LedgerModel.FINISHED).doesNotContain("to-interrupted");
            assertThat(runtime.postJson("/v2/models/ledger/predict/", Map.of("id", "to-after")).status())
                    .as("the worker is free again").isEqualTo(200);
        }
    }
}
