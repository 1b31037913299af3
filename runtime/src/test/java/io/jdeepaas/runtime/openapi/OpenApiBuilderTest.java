package io.jdeepaas.runtime.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class OpenApiBuilderTest {

    private static final String EVERYTHING = "/v2/models/everything/";

    private final OpenApiDocument document = OpenApiDocument.build(TestModels.description("/deepaas/", true, true));
    private final OpenAPI api = OpenApiParsing.parseStrictly(document.json());

    @Test
    void theJsonAndYamlDocumentsParseWithoutMessages() {
        OpenAPI fromYaml = OpenApiParsing.parseStrictly(document.yaml());
        assertThat(api.getOpenapi()).isEqualTo("3.0.3");
        assertThat(fromYaml.getPaths().keySet()).isEqualTo(api.getPaths().keySet());
    }

    @Test
    void theBasePathIsTheServerUrlAndNotPartOfThePaths() {
        assertThat(api.getServers()).singleElement().satisfies(s -> assertThat(s.getUrl()).isEqualTo("/deepaas"));
        assertThat(api.getPaths()).containsKeys("/", "/v2/", "/v2/models/");
        OpenAPI atRoot = OpenApiParsing.parseStrictly(OpenApiDocument.build(TestModels.description(null, true, true)).json());
        assertThat(atRoot.getServers().get(0).getUrl()).isEqualTo("/");
    }

    @Test
    void eachModelHasOneOperationPerRouteWithUniqueIdsAndItsOwnTag() {
        assertThat(api.getPaths()).containsKeys(EVERYTHING, EVERYTHING + "predict/", EVERYTHING + "train/",
                EVERYTHING + "train/{uuid}");
        PathItem train = api.getPaths().get(EVERYTHING + "train/");
        assertThat(train.getPost().getOperationId()).isEqualTo("everything_train_start");
        assertThat(train.getGet().getOperationId()).isEqualTo("everything_train_list");
        PathItem record = api.getPaths().get(EVERYTHING + "train/{uuid}");
        assertThat(record.getGet().getOperationId()).isEqualTo("everything_train_get");
        assertThat(record.getDelete().getOperationId()).isEqualTo("everything_train_cancel");
        assertThat(api.getPaths().get(EVERYTHING + "predict/").getPost().getTags()).containsExactly("everything");

        List<String> ids = api.getPaths().values().stream().flatMap(p -> p.readOperations().stream())
                .map(Operation::getOperationId).toList();
        assertThat(ids).doesNotHaveDuplicates().contains("everything_predict", "echo_predict", "everything_metadata");
        assertThat(api.getTags()).extracting("name").contains("everything", "echo", "silent");
    }

    @Test
    void aPredictOnlyModelHasNoTrainOperations() {
        assertThat(api.getPaths()).containsKeys("/v2/models/echo/", "/v2/models/echo/predict/")
                .doesNotContainKeys("/v2/models/echo/train/", "/v2/models/echo/train/{uuid}");
        assertThat(api.getPaths()).containsKey("/v2/models/silent/")
                .doesNotContainKeys("/v2/models/silent/predict/", "/v2/models/silent/train/");
    }

    @Test
    void disabledEndpointsAreLeftOut() {
        OpenAPI none = OpenApiParsing.parseStrictly(OpenApiDocument.build(TestModels.description("", false, false)).json());
        assertThat(none.getPaths().keySet()).noneMatch(p -> p.contains("/predict/") || p.contains("/train/"));
        assertThat(none.getPaths()).containsKey(EVERYTHING);
    }

    @Test
    void aModelWithAFileTakesOneMultipartBodyAndOneWithoutTakesOneJsonBodyOfEveryArgument() {
        Content withFile = predict("everything").getRequestBody().getContent();
        assertThat(withFile.keySet()).containsExactly("multipart/form-data");
        Schema<?> attachment = property(withFile, "multipart/form-data", "attachment");
        assertThat(attachment.getType()).isEqualTo("string");
        assertThat(attachment.getFormat()).isEqualTo("binary");
        assertThat(withFile.get("multipart/form-data").getSchema().get$ref())
                .isEqualTo("#/components/schemas/EverythingPredictArguments");

        Content withoutFile = predict("echo").getRequestBody().getContent();
        assertThat(withoutFile.keySet()).containsExactly("application/json");
        assertThat(body(withoutFile, "application/json").getProperties()).containsOnlyKeys("text", "times");
        Content train = api.getPaths().get(EVERYTHING + "train/").getPost().getRequestBody().getContent();
        assertThat(train.keySet()).containsExactly("application/json");
        assertThat(body(train, "application/json").getProperties()).containsOnlyKeys("epochs", "sleep");
    }

    @Test
    void theBodyExampleHoldsTheRequiredArgumentsOnlySoSwaggerUiSendsNothingElse() {
        assertThat(tree(predict("echo").getRequestBody().getContent().get("application/json").getExample()))
                .isEqualTo(tree(java.util.Map.of("text", "text")));
        assertThat(tree(api.getPaths().get(EVERYTHING + "train/").getPost().getRequestBody().getContent()
                .get("application/json").getExample())).isEqualTo(tree(java.util.Map.of()));
        Content form = predict("everything").getRequestBody().getContent();
        for (String optional : List.of("ratio", "numbers", "attachment", "link")) {
            Schema<?> schema = property(form, "multipart/form-data", optional);
            assertThat(schema.getDefault()).as(optional).isNull();
            assertThat(schema.getExample()).as(optional).isNull();
        }
    }

    @Test
    void argumentsCarryTheirTypesDefaultsEnumsRangesAndRequiredFlags() {
        Content content = predict("everything").getRequestBody().getContent();
        assertThat(predict("everything").getRequestBody().getRequired()).isTrue();
        assertThat(body(content, "multipart/form-data").getRequired()).containsExactly("text");

        Schema<?> text = property(content, "multipart/form-data", "text");
        assertThat(text.getType()).isEqualTo("string");
        assertThat(text.getDescription()).isEqualTo("What to echo");

        Schema<?> number = property(content, "multipart/form-data", "number");
        assertThat(number.getType()).isEqualTo("integer");
        assertThat(number.getFormat()).isEqualTo("int64");
        assertThat(number.getMinimum()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(number.getMaximum()).isEqualByComparingTo(BigDecimal.valueOf(100));
        assertThat(((Number) number.getDefault()).longValue()).isEqualTo(50);

        Schema<?> ratio = property(content, "multipart/form-data", "ratio");
        assertThat(ratio.getType()).isEqualTo("number");
        assertThat(ratio.getMaximum()).isEqualByComparingTo(new BigDecimal("1.5"));

        assertThat(property(content, "multipart/form-data", "flag").getType()).isEqualTo("boolean");

        Schema<?> choice = property(content, "multipart/form-data", "choice");
        assertThat(choice.getEnum()).extracting(String::valueOf).containsExactly("a", "b", "c");
        assertThat(choice.getDefault()).isEqualTo("a");

        // in a form, a list is one text field of comma-separated items (what generated clients send right)
        Schema<?> formNumbers = property(content, "multipart/form-data", "numbers");
        assertThat(formNumbers.getType()).isEqualTo("string");
        assertThat(formNumbers.getDescription()).isEqualTo("Comma-separated number items, each at least -10, e.g. 0.5,1.5");
        Schema<?> numbers = ArgumentSchemas.schema(new TestModels.Everything().predictArguments().get(5),
                ArgumentSchemas.Encoding.JSON);
        assertThat(numbers.getType()).isEqualTo("array");
        assertThat(numbers.getItems().getType()).isEqualTo("number");
        assertThat(numbers.getItems().getMinimum()).isEqualByComparingTo(BigDecimal.valueOf(-10));

        Schema<?> link = property(content, "multipart/form-data", "link");
        assertThat(link.getFormat()).isEqualTo("uri");

        Schema<?> jsonOptions = ArgumentSchemas.schema(new TestModels.Everything().predictArguments().get(8),
                ArgumentSchemas.Encoding.JSON);
        assertThat(jsonOptions.getType()).isEqualTo("object");
        assertThat(jsonOptions.getDefault()).isEqualTo(java.util.Map.of("verbose", true));
        Schema<?> formOptions = property(content, "multipart/form-data", "options");
        assertThat(formOptions.getType()).isEqualTo("string");
        assertThat(formOptions.getDefault()).isEqualTo("{\"verbose\":true}");
    }

    @Test
    void aModelWithSeveralResponseTypesGetsAnAcceptParameterAndOneContentPerType() {
        Operation predict = predict("everything");
        Parameter accept = predict.getParameters().stream().filter(p -> p.getName().equals("accept")).findFirst()
                .orElseThrow();
        assertThat(accept.getIn()).isEqualTo("query");
        assertThat(accept.getSchema().getEnum()).extracting(String::valueOf)
                .containsExactly("application/json", "image/png", "application/zip");

        Content ok = predict.getResponses().get("200").getContent();
        assertThat(ok.keySet()).containsExactly("application/json", "image/png", "application/zip");
        assertThat(ok.get("image/png").getSchema().getFormat()).isEqualTo("binary");
        assertThat(ok.get("application/json").getSchema().getProperties()).containsKeys("status", "predictions");

        assertThat(predict("echo").getParameters()).isNullOrEmpty();
    }

    @Test
    void aDeclaredResponseSchemaDocumentsTheJsonAnswer() {
        Schema<?> ok = predict("echo").getResponses().get("200").getContent().get("application/json").getSchema();
        assertThat(ok.getProperties()).containsOnlyKeys("echo");
        assertThat(ok.getRequired()).containsExactly("echo");
    }

    @Test
    void eachOperationsInvalidArgumentsExampleIsTheServersOwnAnswerForThatOperation() {
        Operation predict = predict("everything");
        assertThat(predict.getResponses()).containsKeys("400", "404", "422", "500", "501", "503");
        io.swagger.v3.oas.models.media.MediaType invalid = predict.getResponses().get("422").getContent()
                .get("application/json");
        assertThat(invalid.getSchema().get$ref()).endsWith("/ValidationError");
        assertThat(tree(invalid.getExample())).isEqualTo(tree(java.util.Map.of(
                "message", "invalid arguments: text (is required)",
                "errors", java.util.Map.of("text", List.of("is required")))));
        Object trainExample = api.getPaths().get(EVERYTHING + "train/").getPost().getResponses().get("422")
                .getContent().get("application/json").getExample();
        assertThat(String.valueOf(trainExample)).doesNotContain("number").doesNotContain("text")
                .contains("unknown (is not an argument of this model; it takes epochs, sleep)");
    }

    @Test
    void errorsReferToTheSharedErrorShapes() {
        assertThat(predict("everything").getResponses().get("400").get$ref()).endsWith("/BadRequest");
        assertThat(api.getComponents().getResponses().get("InvalidArguments").getContent().get("application/json")
                .getSchema().get$ref()).endsWith("/ValidationError");
        assertThat(api.getComponents().getSchemas()).containsKeys("ModelObject", "ModelList", "Versions", "Version",
                "TrainingRecord", "Error", "ValidationError", "OipError");
        Schema<?> record = api.getComponents().getSchemas().get("TrainingRecord");
        Schema<?> status = record.getProperties().get("status");
        assertThat(status.getEnum()).extracting(String::valueOf)
                .contains("queued", "running", "done", "error", "cancelled", "interrupted", "cancelling");
    }

    @Test
    void everyGeneratedRouteIsInTheGenericContract() throws Exception {
        OpenAPI contract = OpenApiParsing.parseStrictly(Files.readString(Path.of("..", "openapi.yaml")));
        Set<String> generic = api.getPaths().keySet().stream().map(OpenApiBuilderTest::generic)
                .collect(Collectors.toSet());
        assertThat(contract.getPaths().keySet()).containsAll(generic);
        for (String path : api.getPaths().keySet()) {
            String genericPath = generic(path);
            Set<PathItem.HttpMethod> methods = api.getPaths().get(path).readOperationsMap().keySet();
            assertThat(contract.getPaths().get(genericPath).readOperationsMap().keySet()).as(path).containsAll(methods);
        }
    }

    /** {@code /v2/models/demo/predict/} → {@code /v2/models/{name}/predict/}; {@code /v2/models/stats} stays. */
    private static String generic(String path) {
        return path.replaceFirst("^/v2/models/(?!stats$)[^/{]+(/|$)", "/v2/models/{name}$1");
    }

    private Operation predict(String model) {
        return api.getPaths().get("/v2/models/" + model + "/predict/").getPost();
    }

    private static com.fasterxml.jackson.databind.JsonNode tree(Object value) {
        return io.swagger.v3.core.util.Json.mapper().valueToTree(value);
    }

    /** The body schema of a media type, its reference to the components followed. */
    private Schema<?> body(Content content, String mediaType) {
        Schema<?> body = content.get(mediaType).getSchema();
        if (body.get$ref() != null) {
            body = api.getComponents().getSchemas().get(body.get$ref().substring("#/components/schemas/".length()));
        }
        return body;
    }

    private Schema<?> property(Content content, String mediaType, String name) {
        Schema<?> body = body(content, mediaType);
        Schema<?> schema = body.getProperties().get(name);
        assertThat(schema).as(mediaType + " " + name).isNotNull();
        return schema;
    }
}
