package io.jdeepaas.runtime.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.fixtures.IdentityTensorModel;
import io.jdeepaas.runtime.fixtures.PredictOnlyModel;
import io.jdeepaas.runtime.fixtures.RowwiseTensorModel;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated document's infer operations: one per tensor-capable model, with the protocol's schemas. */
class InferOpenApiTest {

    private final OpenAPI api = OpenApiParsing.parseStrictly(OpenApiDocument.build(new ApiDescription("jDEEPaaS",
            "0.1.0", null, List.of(new RowwiseTensorModel(), new IdentityTensorModel(), new PredictOnlyModel()),
            true, true)).json());

    @Test
    void eachTensorModelHasAnInferOperationWithAnExampleFromItsDeclaredInputs() {
        assertThat(api.getPaths()).containsKeys("/v2/models/rowwise/infer", "/v2/models/identity/infer")
                .doesNotContainKey("/v2/models/echo/infer");
        Operation infer = api.getPaths().get("/v2/models/rowwise/infer").getPost();
        assertThat(infer.getOperationId()).isEqualTo("rowwise_infer");
        assertThat(infer.getTags()).containsExactly("rowwise");
        assertThat(infer.getDescription()).contains("`x` FP32 [-1, 3]").contains("`sum` FP64 [-1]").contains("batched");
        var json = infer.getRequestBody().getContent().get("application/json");
        assertThat(json.getSchema().get$ref()).endsWith("/OipInferRequest");
        @SuppressWarnings("unchecked")
        Map<String, Object> example = TestRuntimeJson.convert(json.getExample());
        assertThat(example.toString()).contains("name=x").contains("shape=[1, 3]").contains("datatype=BYTES, data=[text]");
        assertThat(infer.getResponses()).containsKeys("200", "400", "404", "429", "500", "503", "504");
        assertThat(infer.getResponses().get("400").getContent().get("application/json").getSchema().get$ref())
                .endsWith("/OipError");
    }

    @Test
    void theProtocolSchemasAreInTheComponents() {
        assertThat(api.getComponents().getSchemas()).containsKeys("OipInferRequest", "OipInferResponse", "OipTensor",
                "OipDatatype", "OipError");
        assertThat(api.getComponents().getSchemas().get("OipDatatype").getEnum()).hasSize(14).contains("BYTES", "FP16", "BF16");
    }

    /** Reads a parsed example (Jackson nodes) as plain maps and lists. */
    private static final class TestRuntimeJson {
        @SuppressWarnings("unchecked")
        static Map<String, Object> convert(Object example) {
            return io.jdeepaas.runtime.TestRuntime.JSON.convertValue(example, Map.class);
        }
    }
}
