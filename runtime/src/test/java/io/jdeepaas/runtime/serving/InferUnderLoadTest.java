package io.jdeepaas.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.fixtures.LedgerModel;
import io.jdeepaas.runtime.oip.InferRequest;
import io.jdeepaas.spi.Tensor;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tensor inference runs under its model's limits, shares the model's workers with predict, shows in
 * {@code /metrics} and {@code /stats}, and is dropped when its client goes away while it waits.
 */
class InferUnderLoadTest {

    private static InferRequest ledger(String id, long sleepMs) {
        return InferRequest.of(id, Tensor.strings("id", new long[] {1}, id),
                Tensor.int64("sleep_ms", new long[] {1}, sleepMs));
    }

    private static TestRuntime oneWorkerNoQueue() {
        return TestRuntime.start(c -> c.predictionLimits(4, 64, Duration.ofSeconds(60))
                .modelSetting("ledger", "workers", "1").modelSetting("ledger", "queue-size", "0"), "ledger");
    }

    @Test
    void perModelLimitsApplyToInferAQueueOfZeroWithABusyWorkerIsA429Within100Milliseconds() throws Exception {
        try (TestRuntime runtime = oneWorkerNoQueue()) {
            runtime.get("/v2/models/ledger/"); // a first request, so the measured one finds the server warm
            CompletableFuture<TestRuntime.Answer> running = CompletableFuture.supplyAsync(() ->
                    runtime.postJson("/v2/models/ledger/infer", ledger("il-running", 1500)));
            TestRuntime.eventually(Duration.ofSeconds(10), "the first inference runs",
                    () -> LedgerModel.STARTED.contains("il-running"));

            long start = System.nanoTime();
            TestRuntime.Answer rejected = runtime.postJson("/v2/models/ledger/infer", ledger("il-rejected", 0));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(rejected.status()).as(rejected.text()).isEqualTo(429);
            assertThat(millis).as("milliseconds until the 429").isLessThan(100);
            assertThat(rejected.header("Retry-After")).isEqualTo("1");
            assertThat(rejected.json().path("error").asText()).contains("busy");
            assertThat(running.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(LedgerModel.STARTED).doesNotContain("il-rejected");
            assertThat(runtime.metric("deepaas_inference_rejected_total{model=\"ledger\",reason=\"queue_full\"}"))
                    .isEqualTo(1.0);
        }
    }

    @Test
    void predictAndInferShareTheModelsWorkers() throws Exception {
        try (TestRuntime runtime = oneWorkerNoQueue()) {
            CompletableFuture<TestRuntime.Answer> predicting = CompletableFuture.supplyAsync(() -> runtime.postJson(
                    "/v2/models/ledger/predict/", Map.of("id", "sb-predicting", "sleep_ms", 1500)));
            TestRuntime.eventually(Duration.ofSeconds(10), "the prediction runs",
                    () -> LedgerModel.STARTED.contains("sb-predicting"));
            assertThat(runtime.postJson("/v2/models/ledger/infer", ledger("sb-infer", 0)).status())
                    .as("the one worker is predicting").isEqualTo(429);
            assertThat(predicting.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);

            CompletableFuture<TestRuntime.Answer> inferring = CompletableFuture.supplyAsync(() ->
                    runtime.postJson("/v2/models/ledger/infer", ledger("sb-inferring", 1500)));
            TestRuntime.eventually(Duration.ofSeconds(10), "the inference runs",
                    () -> LedgerModel.STARTED.contains("sb-inferring"));
            assertThat(runtime.postJson("/v2/models/ledger/predict/", Map.of("id", "sb-predict")).status())
                    .as("the one worker is inferring").isEqualTo(429);
            assertThat(inferring.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }

    @Test
    void afterBatchedInferTrafficTheMetricsShowBatchSizesAndTheStatsCountMoreInferencesThanExecutions()
            throws Exception {
        int requests = 24;
        try (TestRuntime runtime = TestRuntime.start(c -> c.workers(1)
                .modelSettings(Map.of("rowwise", Map.of("max-batch-size", "16", "max-batch-delay", "50"))),
                "rowwise")) {
            ExecutorService clients = Executors.newFixedThreadPool(requests);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> statuses = new ArrayList<>();
            try {
                for (int i = 0; i < requests; i++) {
                    InferRequest one = InferRequest.of("b" + i, Tensor.fp32("x", new long[] {1, 3}, i, i, i),
                            Tensor.strings("label", new long[] {1}, "row" + i));
                    statuses.add(clients.submit(() -> {
                        go.await();
                        return runtime.postJson("/v2/models/rowwise/infer", one).status();
                    }));
                }
                go.countDown();
                for (Future<Integer> status : statuses) {
                    assertThat(status.get(60, TimeUnit.SECONDS)).isEqualTo(200);
                }
            } finally {
                clients.shutdownNow();
            }

            double calls = runtime.metric("deepaas_inference_batch_size_count{model=\"rowwise\"}");
            assertThat(runtime.metric("deepaas_inference_batch_size_sum{model=\"rowwise\"}"))
                    .as("every request was carried by exactly one engine call").isEqualTo(requests);
            assertThat(calls).as("engine calls for %s concurrent requests", requests).isLessThan(requests);
            assertThat(runtime.metric("deepaas_inference_execution_seconds_count{model=\"rowwise\"}")).isEqualTo(calls);
            assertThat(runtime.metric("deepaas_inference_queue_seconds_count{model=\"rowwise\"}")).isEqualTo(requests);
            assertThat(runtime.metric("deepaas_inference_requests_seconds_count{model=\"rowwise\",outcome=\"success\"}"))
                    .isEqualTo(requests);
            assertThat(runtime.metric("deepaas_http_requests_seconds_count{method=\"POST\",model=\"rowwise\","
                    + "route=\"/v2/models/{name}/infer\",status=\"200\",version=\"1\"}")).isEqualTo(requests);
            assertThat(runtime.metric("deepaas_inference_queue_depth{model=\"rowwise\"}")).isEqualTo(0);

            JsonNode stats = runtime.get("/v2/models/rowwise/stats").json().path("model_stats").get(0);
            assertThat(stats.path("inference_count").asLong()).isEqualTo(requests);
            assertThat(stats.path("execution_count").asLong()).isEqualTo((long) calls).isLessThan(requests);
            assertThat(stats.path("inference_stats").path("success").path("count").asLong()).isEqualTo(requests);
            assertThat(stats.path("inference_stats").path("compute_infer").path("count").asLong())
                    .isEqualTo((long) calls);
        }
    }

    @Test
    void aClientThatDisconnectsWhileItsInferIsQueuedHasItDropped() throws Exception {
        try (TestRuntime runtime = TestRuntime.start(c -> c.predictionLimits(1, 4, Duration.ofSeconds(60)),
                "ledger")) {
            CompletableFuture<TestRuntime.Answer> blocker = CompletableFuture.supplyAsync(() ->
                    runtime.postJson("/v2/models/ledger/infer", ledger("ci-blocker", 2500)));
            TestRuntime.eventually(Duration.ofSeconds(10), "the blocker runs",
                    () -> LedgerModel.STARTED.contains("ci-blocker"));
            String queued = "{\"inputs\": [{\"name\": \"id\", \"datatype\": \"BYTES\", \"shape\": [1],"
                    + " \"data\": [\"ci-queued\"]}]}";
            try (Socket client = runtime.postRaw("/v2/models/ledger/infer", queued)) {
                TestRuntime.eventually(Duration.ofSeconds(10), "the raw client's inference is queued",
                        () -> runtime.metric("deepaas_inference_queue_depth{model=\"ledger\"}") == 1.0);
            }
            TestRuntime.eventually(Duration.ofSeconds(2), "the queue empties once the client has gone",
                    () -> runtime.metric("deepaas_inference_queue_depth{model=\"ledger\"}") == 0.0);
            assertThat(blocker.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
            Thread.sleep(500);
            assertThat(LedgerModel.STARTED).as("the abandoned inference never ran").doesNotContain("ci-queued");
            assertThat(runtime.metric("deepaas_inference_rejected_total{model=\"ledger\",reason=\"client_gone\"}"))
                    .isEqualTo(1.0);
        }
    }
}
