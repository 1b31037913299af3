package io.jdeepaas.runtime.openapi;

import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ArgumentType;
import io.jdeepaas.spi.BinaryResult;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelMetadata;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.TrainingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Small models the OpenAPI tests describe. */
final class TestModels {

    private TestModels() {
    }

    /** Declares every argument type, three response types, and trains. */
    static final class Everything implements ModelEntryPoint {
        @Override
        public String name() {
            return "everything";
        }

        @Override
        public ModelMetadata metadata() {
            return ModelMetadata.describe("Takes every kind of argument").version("1.0");
        }

        @Override
        public List<Argument> predictArguments() {
            return List.of(
                    Argument.string("text").required().description("What to echo"),
                    Argument.integer("number").range(1, 100).defaultValue(50),
                    Argument.number("ratio").min(0).max(1.5),
                    Argument.bool("flag").defaultValue(false),
                    Argument.string("choice").allowedValues("a", "b", "c").defaultValue("a"),
                    Argument.list("numbers", ArgumentType.NUMBER).min(-10),
                    Argument.file("attachment").description("Any file"),
                    Argument.url("link"),
                    Argument.json("options").defaultValue(Map.of("verbose", true)));
        }

        @Override
        public List<String> responseTypes() {
            return List.of("application/json", "image/png", "application/zip");
        }

        @Override
        public Object predict(PredictRequest request) {
            return request.responseType().equals("image/png") ? BinaryResult.of("image/png", new byte[0]) : Map.of();
        }

        @Override
        public List<Argument> trainArguments() {
            return List.of(Argument.integer("epochs").defaultValue(3), Argument.number("sleep").defaultValue(1.0));
        }

        @Override
        public Object train(TrainRequest request, TrainingContext context) {
            return Map.of("epochs", request.integer("epochs"));
        }
    }

    /** Predicts only, with a declared response schema. */
    static final class Echo implements ModelEntryPoint {
        @Override
        public String name() {
            return "echo";
        }

        @Override
        public ModelMetadata metadata() {
            return ModelMetadata.describe("Repeats the text it is given");
        }

        @Override
        public List<Argument> predictArguments() {
            return List.of(Argument.string("text").required(), Argument.integer("times").range(1, 10).defaultValue(1));
        }

        @Override
        public Optional<Map<String, Object>> responseSchema() {
            return Optional.of(Map.of(
                    "$schema", "https://json-schema.org/draft/2020-12/schema",
                    "type", "object",
                    "properties", Map.of("echo", Map.of("type", "string", "description", "The repeated text")),
                    "required", List.of("echo")));
        }

        @Override
        public Object predict(PredictRequest request) {
            return Map.of("echo", request.string("text").repeat(request.integer("times")));
        }
    }

    /** Implements neither predict nor train: only its metadata is documented. */
    static final class Silent implements ModelEntryPoint {
        @Override
        public String name() {
            return "silent";
        }

        @Override
        public ModelMetadata metadata() {
            return ModelMetadata.describe("Does nothing");
        }
    }

    /** Predicts from a list of integers, without files. */
    static final class Lists implements ModelEntryPoint {
        @Override
        public String name() {
            return "lists";
        }

        @Override
        public ModelMetadata metadata() {
            return ModelMetadata.describe("Sums integers");
        }

        @Override
        public List<Argument> predictArguments() {
            return List.of(Argument.list("values", ArgumentType.INTEGER).required());
        }

        @Override
        public Object predict(PredictRequest request) {
            return Map.of();
        }
    }

    static ApiDescription description(String basePath, boolean predict, boolean train) {
        return new ApiDescription("jDEEPaaS", "0.1.0", basePath,
                List.of(new Everything(), new Echo(), new Silent()), predict, train);
    }
}
