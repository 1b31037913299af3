package io.jdeepaas.runtime.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A list's declared length is enforced and published; a declared training result schema is published. */
class ListLengthAndTrainResultSchemaTest {

    @Test
    void aListLongerThanDeclaredIsA422AndTheLengthIsInTheDocument() {
        try (TestRuntime runtime = TestRuntime.start("demo")) {
            TestRuntime.Answer tooLong = runtime.postJson("/v2/models/demo/predict/",
                    Map.of("text", "x", "numbers", Collections.nCopies(1001, 1.0)));
            assertThat(tooLong.status()).isEqualTo(422);
            assertThat(tooLong.json().at("/errors/numbers/0").asText()).isEqualTo("must have at most 1000 items, got 1001");

            JsonNode document = runtime.get("/openapi.json").json();
            // demo takes a file, so its predict body is multipart, where a list is one comma-separated field
            String body = document.at("/paths/~1v2~1models~1demo~1predict~1/post/requestBody/content"
                    + "/multipart~1form-data/schema/$ref").asText();
            JsonNode numbers = document.at("/components/schemas/" + body.substring(body.lastIndexOf('/') + 1)
                    + "/properties/numbers");
            assertThat(numbers.path("type").asText()).isEqualTo("string");
            assertThat(numbers.path("description").asText()).contains("at most 1000 items");

            // demo declares its result: its record is a named component, the shared record with that result
            String recordRef = document.at("/paths/~1v2~1models~1demo~1train~1/post/responses/200/content"
                    + "/application~1json/schema/$ref").asText();
            assertThat(recordRef).isEqualTo("#/components/schemas/DemoTrainingRecord");
            assertThat(document.at("/paths/~1v2~1models~1demo~1train~1/get/responses/200/content"
                    + "/application~1json/schema/items/$ref").asText()).isEqualTo(recordRef);
            JsonNode record = document.at("/components/schemas/DemoTrainingRecord");
            assertThat(record.at("/allOf/0/$ref").asText()).endsWith("/TrainingRecord");
            JsonNode result = record.at("/allOf/1/properties/result");
            assertThat(result.at("/properties/final_loss/type").asText()).isEqualTo("number");
            assertThat(result.at("/properties/duration/type").asText()).isEqualTo("number");
        }
    }
}
