package io.jdeepaas.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.clients.nativeclient.ApiClient;
import io.jdeepaas.clients.nativeclient.api.DemoApi;
import io.jdeepaas.clients.nativeclient.api.DigitsApi;
import io.jdeepaas.clients.nativeclient.api.IrisApi;
import io.jdeepaas.clients.nativeclient.model.DemoPredict200Response;
import io.jdeepaas.clients.nativeclient.model.DemoTrainArguments;
import io.jdeepaas.clients.nativeclient.model.DemoTrainingRecord;
import io.jdeepaas.clients.nativeclient.model.DigitsPredict200Response;
import io.jdeepaas.clients.nativeclient.model.OipDatatype;
import io.jdeepaas.clients.nativeclient.model.OipInferRequest;
import io.jdeepaas.clients.nativeclient.model.OipInferResponse;
import io.jdeepaas.clients.nativeclient.model.OipTensor;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client openapi-generator makes with its {@code native} Java library (java.net.http, Jackson),
 * used as generated. Its multipart code adds a file part without checking for null, so a call
 * leaving out an optional file fails in the client before sending (an IllegalArgumentException
 * from httpmime): these tests always attach one.
 */
class NativeClientTest {

    private final ExampleRuntime runtime = ExampleRuntime.shared();
    private final ApiClient client = new ApiClient();

    NativeClientTest() {
        client.updateBaseUri(runtime.baseUrl());
    }

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
    void demoPredictWithoutTheOptionalScalarsGetsTheDefaults() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> predictions = (Map<String, Object>) new DemoApi(client)
                .demoPredict("hi", null, null, null, null, null, null, runtime.textFile().toFile()).getPredictions();
        assertThat(predictions).containsEntry("text", "hi").containsEntry("choice", "a")
                .doesNotContainKeys("ratio", "numbers");
        assertThat(((Number) predictions.get("number")).longValue()).isEqualTo(50);
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
        DemoTrainingRecord started = demo.demoTrainStart("clients-native",
                new DemoTrainArguments().epochs(20L).sleep(2.0).fail(true));
        assertThat(started.getArgs()).containsEntry("fail", true);
        assertThat(((Number) started.getArgs().get("epochs")).longValue()).isEqualTo(20);
        assertThat(((Number) started.getArgs().get("sleep")).doubleValue()).isEqualTo(2.0);
        assertThat(started.getExperiment()).isEqualTo("clients-native");

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
