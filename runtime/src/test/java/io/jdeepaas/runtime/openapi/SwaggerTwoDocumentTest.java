package io.jdeepaas.runtime.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.models.HttpMethod;
import io.swagger.models.Operation;
import io.swagger.models.Path;
import io.swagger.models.Swagger;
import io.swagger.models.parameters.AbstractSerializableParameter;
import io.swagger.models.parameters.FormParameter;
import io.swagger.models.parameters.Parameter;
import io.swagger.models.parameters.QueryParameter;
import io.swagger.parser.SwaggerParser;
import io.swagger.parser.util.SwaggerDeserializationResult;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code /swagger.json} as DEEPaaS's own tools read it: swagger-parser's 2.0 reader, then what
 * deepaas_ui takes from it (the paths ending in {@code predict/}, their parameters' names, types,
 * enums, defaults and ranges, file fields, and {@code produces}).
 */
class SwaggerTwoDocumentTest {

    private final OpenApiDocument document = OpenApiDocument.build(TestModels.description("/deepaas", true, true));

    private Swagger parse() {
        SwaggerDeserializationResult result = new SwaggerParser().readWithInfo(document.swagger2());
        assertThat(result.getMessages()).as("swagger-parser 2.0 messages").isEmpty();
        assertThat(result.getSwagger()).isNotNull();
        return result.getSwagger();
    }

    @Test
    void theDocumentIsSwaggerTwoWithTheSamePathsTagsAndOperationIds() {
        Swagger swagger = parse();
        assertThat(swagger.getSwagger()).isEqualTo("2.0");
        assertThat(swagger.getBasePath()).isEqualTo("/deepaas");
        OpenApiDocument three = document;
        io.swagger.v3.oas.models.OpenAPI api = OpenApiParsing.parseStrictly(three.json());
        assertThat(swagger.getPaths().keySet()).containsExactlyElementsOf(api.getPaths().keySet());
        assertThat(swagger.getTags()).extracting("name")
                .containsExactlyElementsOf(api.getTags().stream().map(t -> t.getName()).toList());
        assertThat(swagger.getPaths().get("/v2/models/everything/predict/").getPost().getOperationId())
                .isEqualTo("everything_predict");
        assertThat(swagger.getInfo().getLicense().getName()).isEqualTo("Apache-2.0");
        assertThat(swagger.getDefinitions()).containsKeys("TrainingRecord", "EverythingPredictArguments");
    }

    @Test
    void everyPredictPathHasItsArgumentsAsTypedParametersAsDeepaasUiReadsThem() {
        Swagger swagger = parse();
        List<String> predictPaths = swagger.getPaths().keySet().stream().filter(p -> p.endsWith("predict/")).toList();
        assertThat(predictPaths).containsExactly("/v2/models/everything/predict/",
                "/v2/models/everything/versions/{version}/predict/", "/v2/models/echo/predict/",
                "/v2/models/echo/versions/{version}/predict/");

        Operation everything = swagger.getPaths().get(predictPaths.get(0)).getPost();
        Map<String, Parameter> byName = everything.getParameters().stream()
                .collect(Collectors.toMap(Parameter::getName, p -> p));
        assertThat(byName.keySet()).containsExactlyInAnyOrder("accept", "text", "number", "ratio", "flag", "choice",
                "numbers", "attachment", "link", "options");
        assertThat(everything.getConsumes()).containsExactly("multipart/form-data");
        assertThat(everything.getProduces()).contains("application/json", "image/png", "application/zip");

        FormParameter attachment = (FormParameter) byName.get("attachment");
        assertThat(attachment.getType()).isEqualTo("file");
        assertThat(attachment.getDescription()).isEqualTo("Any file");

        FormParameter text = (FormParameter) byName.get("text");
        assertThat(text.getType()).isEqualTo("string");
        assertThat(text.getRequired()).isTrue();

        FormParameter number = (FormParameter) byName.get("number");
        assertThat(number.getType()).isEqualTo("integer");
        assertThat(number.getDefault()).isEqualTo(50L);
        assertThat(number.getMinimum()).isEqualByComparingTo("1");
        assertThat(number.getMaximum()).isEqualByComparingTo("100");
        assertThat(number.getRequired()).isFalse();

        FormParameter choice = (FormParameter) byName.get("choice");
        assertThat(choice.getEnum()).containsExactly("a", "b", "c");
        assertThat(choice.getDefault()).isEqualTo("a");

        FormParameter numbers = (FormParameter) byName.get("numbers");
        assertThat(numbers.getType()).isEqualTo("string");
        assertThat(numbers.getDescription()).startsWith("Comma-separated number items");

        assertThat(((FormParameter) byName.get("ratio")).getType()).isEqualTo("number");
        assertThat(((FormParameter) byName.get("flag")).getType()).isEqualTo("boolean");
        assertThat(((FormParameter) byName.get("options")).getType()).isEqualTo("string");

        QueryParameter accept = (QueryParameter) byName.get("accept");
        assertThat(accept.getEnum()).containsExactly("application/json", "image/png", "application/zip");

        Operation echo = swagger.getPaths().get(predictPaths.get(2)).getPost();
        assertThat(echo.getConsumes()).containsExactly("application/x-www-form-urlencoded");
        assertThat(echo.getParameters()).extracting(Parameter::getName).containsExactly("text", "times");
        assertThat(echo.getParameters()).allSatisfy(p -> assertThat(p.getIn()).isEqualTo("formData"));
        assertThat(((AbstractSerializableParameter<?>) echo.getParameters().get(1)).getDefault()).isEqualTo(1L);
        assertThat(echo.getProduces()).contains("application/json");
    }

    @Test
    void aListInAFormWithoutFilesIsARepeatedArrayParameter() {
        ApiDescription lists = new ApiDescription("jDEEPaaS", "0.1.0", "/", List.of(new TestModels.Lists()), true, true);
        Swagger swagger = new SwaggerParser().parse(OpenApiDocument.build(lists).swagger2());
        FormParameter values = (FormParameter) swagger.getPaths().get("/v2/models/lists/predict/").getPost()
                .getParameters().get(0);
        assertThat(values.getType()).isEqualTo("array");
        assertThat(values.getCollectionFormat()).isEqualTo("multi");
        assertThat(values.getItems().getType()).isEqualTo("integer");
    }

    @Test
    void trainArgumentsAreParametersTooAndOtherJsonBodiesStayABodyParameter() {
        Swagger swagger = parse();
        Operation train = swagger.getPaths().get("/v2/models/everything/train/").getOperationMap().get(HttpMethod.POST);
        assertThat(train.getParameters()).extracting(Parameter::getName).containsExactly("experiment", "epochs", "sleep");
        assertThat(train.getResponses()).containsKeys("200", "422");
        Path infer = swagger.getPaths().get("/v2/repository/index");
        assertThat(infer.getPost().getParameters()).singleElement()
                .satisfies(p -> assertThat(p.getIn()).isEqualTo("body"));
    }
}
