package io.jdeepaas.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} shows, in Prometheus's text format, what the server has done. */
class MetricsApiTest {

    @Test
    void afterTrafficTheMetricsCountRequestsByRouteAndStatusAndTimeQueueAndExecutionApart() throws Exception {
        try (TestRuntime runtime = TestRuntime.start("echo", "demo")) {
            runtime.postJson("/v2/models/echo/predict/", Map.of("text", "a"));
            runtime.postJson("/v2/models/echo/predict/", Map.of("text", "b"));
            runtime.postJson("/v2/models/echo/predict/", Map.of("text", "crash"));
            runtime.postJson("/v2/models/echo/predict/", Map.of("times", 99));
            String uuid = runtime.postJson("/v2/models/demo/train/", Map.of("epochs", 1, "sleep", 0)).json()
                    .path("uuid").asText();
            runtime.awaitTraining("demo", uuid, Duration.ofSeconds(30));
            runtime.server().metrics().recordBatch("echo", 4); // as the batching aggregator does

            TestRuntime.Answer scrape = runtime.get("/metrics");
            assertThat(scrape.status()).isEqualTo(200);
            assertThat(scrape.header("Content-Type")).startsWith("text/plain");
            String route = "method=\"POST\",model=\"echo\",route=\"/v2/models/{name}/predict/\"";
            assertThat(runtime.metric("deepaas_http_requests_seconds_count{" + route + ",status=\"200\",version=\"1\"}")).isEqualTo(2);
            assertThat(runtime.metric("deepaas_http_requests_seconds_count{" + route + ",status=\"500\"")).isEqualTo(1);
            assertThat(runtime.metric("deepaas_http_requests_seconds_count{" + route + ",status=\"422\"")).isEqualTo(1);
            assertThat(runtime.metric("deepaas_inference_queue_seconds_count{model=\"echo\"}")).isEqualTo(3);
            assertThat(runtime.metric("deepaas_inference_execution_seconds_count{model=\"echo\"}")).isEqualTo(3);
            assertThat(runtime.metric("deepaas_inference_requests_seconds_count{model=\"echo\",outcome=\"fail\"}"))
                    .isEqualTo(1);
            assertThat(scrape.text()).contains("deepaas_inference_execution_seconds_bucket{model=\"echo\",le=\"0.001\"}",
                    "deepaas_inference_queue_seconds_bucket{model=\"echo\",le=\"0.001\"}");
            assertThat(runtime.metric("deepaas_inference_queue_depth{model=\"echo\"}")).isEqualTo(0);
            assertThat(runtime.metric("deepaas_inference_batch_size_count{model=\"echo\"}")).isEqualTo(1);
            assertThat(runtime.metric("deepaas_models_loaded")).isEqualTo(2);
            assertThat(runtime.metric("deepaas_trainings{status=\"done\"}")).isEqualTo(1);
            assertThat(runtime.metric("deepaas_trainings{status=\"running\"}")).isEqualTo(0);
            assertThat(runtime.metric("process_resident_memory_bytes")).isGreaterThan(1_000_000);
            assertThat(scrape.text()).contains("jvm_memory_used_bytes{", "process_cpu_usage", "jvm_threads_live_threads",
                    "jvm_gc_");
        }
    }
}
