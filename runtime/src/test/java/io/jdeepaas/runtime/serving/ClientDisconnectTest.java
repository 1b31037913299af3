package io.jdeepaas.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.fixtures.LedgerModel;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** A client that closes its connection cancels its prediction: dropped when queued, interrupted when running. */
class ClientDisconnectTest {

    @Test
    void aClientThatDisconnectsWhileQueuedHasItsPredictionDropped() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c.predictionLimits(1, 4, Duration.ofSeconds(60)),
                "ledger")) {
            CompletableFuture<TestRuntime.Answer> blocker = CompletableFuture.supplyAsync(() -> runtime.postJson(
                    "/v2/models/ledger/predict/", Map.of("id", "cd-blocker", "sleep_ms", 2500)));
            TestRuntime.eventually(Duration.ofSeconds(10), "the blocker runs",
                    () -> LedgerModel.STARTED.contains("cd-blocker"));
            try (Socket client = runtime.postRaw("/v2/models/ledger/predict/", "{\"id\": \"cd-queued\"}")) {
                TestRuntime.eventually(Duration.ofSeconds(10), "the raw client's prediction is queued",
                        () -> runtime.metric("deepaas_inference_queue_depth{model=\"ledger\"}") == 1.0);
            }
            TestRuntime.eventually(Duration.ofSeconds(2), "the queue empties once the client has gone",
                    () -> runtime.metric("deepaas_inference_queue_depth{model=\"ledger\"}") == 0.0);
            assertThat(blocker.get().status()).isEqualTo(200);
            Thread.sleep(500);
            assertThat(LedgerModel.STARTED).as("the abandoned prediction never ran").doesNotContain("cd-queued");
            assertThat(runtime.metric("deepaas_inference_rejected_total{model=\"ledger\",reason=\"client_gone\"}"))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void aClientThatDisconnectsWhileItsPredictionRunsHasItInterrupted() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c.predictionLimits(1, 4, Duration.ofSeconds(60)),
                "ledger")) {
            try (Socket client = runtime.postRaw("/v2/models/ledger/predict/",
                    "{\"id\": \"cd-running\", \"sleep_ms\": 30000}")) {
                TestRuntime.eventually(Duration.ofSeconds(10), "the prediction runs",
                        () -> LedgerModel.STARTED.contains("cd-running"));
            }
            TestRuntime.eventually(Duration.ofSeconds(3), "the module is interrupted once the client has gone",
                    () -> LedgerModel.INTERRUPTED.contains("cd-running"));
            assertThat(LedgerModel.FINISHED).doesNotContain("cd-running");
            assertThat(runtime.postJson("/v2/models/ledger/predict/", Map.of("id", "cd-after")).status())
                    .as("the worker is free again").isEqualTo(200);
        }
    }

    @Test
    void aClientThatStaysGetsItsAnswerOnTheSameConnection() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c, "ledger");
             Socket client = runtime.postRaw("/v2/models/ledger/predict/", "{\"id\": \"cd-stays\", \"sleep_ms\": 300}")) {
            client.setSoTimeout(10_000);
            byte[] head = client.getInputStream().readNBytes(12);
            assertThat(new String(head, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        }
    }
}
