package io.jdeepaas.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.clients.okhttp.ApiClient;
import io.jdeepaas.clients.okhttp.api.DemoApi;
import io.jdeepaas.clients.okhttp.api.DigitsApi;
import io.jdeepaas.clients.okhttp.api.IrisApi;
import io.jdeepaas.clients.okhttp.model.DemoPredict200Response;
import io.jdeepaas.clients.okhttp.model.DemoTrainArguments;
import io.jdeepaas.clients.okhttp.model.DemoTrainingRecord;
import io.jdeepaas.clients.okhttp.model.DigitsPredict200Response;
import io.jdeepaas.clients.okhttp.model.OipDatatype;
import io.jdeepaas.clients.okhttp.model.OipInferRequest;
import io.jdeepaas.clients.okhttp.model.OipInferResponse;
import io.jdeepaas.clients.okhttp.model.OipTensor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client openapi-generator makes with its default Java library (okhttp-gson), used as generated. */
class OkHttpGsonClientTest {

    private final ExampleRuntime runtime = ExampleRuntime.shared();
    private final ApiClient client = new ApiClient().setBasePath(runtime.baseUrl());

    @Test
    void demoPredictSendsTextNumbersAndAnAttachment() throws Exception {
        DemoPredict200Response answer = new DemoApi(client).demoPredict("hello", null, 7L, 0.25, true, "b",
                "3,1.5,4", runtime.textFile().toFile());
        assertThat(answer.getStatus()).isEqualTo("OK");
        @SuppressWarnings("unchecked")
        Map<String, Object> predictions = (Map<String, Object>) answer.getPredictions();
        assertThat(predictions).containsEntry("text", "hello").containsEntry("choice", "b")
                .containsEntry("flag", true).containsEntry("ratio", 0.25);
        assertThat(((Number) predictions.get("number")).longValue()).isEqualTo(7);
        assertThat(predictions.get("numbers")).isEqualTo(List.of(3.0, 1.5, 4.0));
        assertThat(String.valueOf(predictions.get("attachment"))).contains("notes.txt");
    }

    @Test
    void demoPredictWithOnlyTheRequiredArgumentGetsTheDefaults() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> predictions = (Map<String, Object>) new DemoApi(client)
                .demoPredict("hi", null, null, null, null, null, null, null).getPredictions();
        assertThat(predictions).containsEntry("text", "hi").containsEntry("choice", "a")
                .doesNotContainKeys("ratio", "numbers", "attachment");
        assertThat(((Number) predictions.get("number")).longValue()).isEqualTo(50);
    }

    @Test
    void aBinaryAnswerIsReadThroughTheGeneratedCall() throws Exception {
        try (okhttp3.Response png = new DemoApi(client).demoPredictCall("chart", "image/png", null, null, null, null,
                "3,1,4", null, null).execute()) {
            assertThat(png.code()).isEqualTo(200);
            assertThat(png.header("Content-Type")).startsWith("image/png");
            assertThat(png.body().bytes()).startsWith(0x89, 'P', 'N', 'G');
        }
    }

    @Test
    void digitsPredictReadsAPng() throws Exception {
        DigitsPredict200Response answer = new DigitsApi(client).digitsPredict(runtime.digitPng(7).toFile(), 2L);
        assertThat(answer.getPredictions()).hasSize(2);
        assertThat(answer.getPredictions().get(0).getDigit()).isEqualTo(7);
    }

    @Test
    void irisInferClassifiesAFlower() throws Exception {
        OipInferRequest request = new OipInferRequest().addInputsItem(new OipTensor().name("input")
                .shape(List.of(1L, 4L)).datatype(OipDatatype.FP32).data(List.of(5.1, 3.5, 1.4, 0.2)));
        OipInferResponse answer = new IrisApi(client).irisInfer(request);
        OipTensor classes = answer.getOutputs().stream().filter(t -> t.getName().equals("class")).findFirst()
                .orElseThrow();
        assertThat(classes.getData()).containsExactly("setosa");
    }

    @Test
    void aDemoTrainingRunsWithTheArgumentsGivenAndIsCancelled() throws Exception {
        DemoApi demo = new DemoApi(client);
        DemoTrainingRecord started = demo.demoTrainStart("clients-okhttp",
                new DemoTrainArguments().epochs(20L).sleep(2.0).fail(true));
        assertThat(started.getArgs()).containsEntry("fail", true);
        assertThat(((Number) started.getArgs().get("epochs")).longValue()).isEqualTo(20);
        assertThat(((Number) started.getArgs().get("sleep")).doubleValue()).isEqualTo(2.0);
        assertThat(started.getExperiment()).isEqualTo("clients-okhttp");

        DemoTrainingRecord cancelling = demo.demoTrainCancel(started.getUuid(), null);
        assertThat(String.valueOf(cancelling.getStatus())).isIn("cancelling", "cancelled");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        DemoTrainingRecord record = demo.demoTrainGet(started.getUuid());
        while (!String.valueOf(record.getStatus()).equals("cancelled") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            record = demo.demoTrainGet(started.getUuid());
        }
        assertThat(String.valueOf(record.getStatus())).isEqualTo("cancelled");
        assertThat(((Number) record.getArgs().get("epochs")).longValue()).isEqualTo(20);

        // the event stream is described as binary: the client saves it instead of parsing it as JSON
        String events = java.nio.file.Files.readString(demo.demoTrainEvents(started.getUuid(), null).toPath());
        assertThat(events).contains("event: status").contains("cancelled");
    }
}
