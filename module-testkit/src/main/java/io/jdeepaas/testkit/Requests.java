package io.jdeepaas.testkit;

import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.runtime.args.RawArguments;
import io.jdeepaas.runtime.errors.InvalidArgumentsException;
import io.jdeepaas.runtime.json.Json;
import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.UploadedFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests for a module's unit tests, made by the runtime's own argument parser: values are
 * converted as from a JSON body ({@code 5} becomes a {@code Long}, {@code "5"} too), defaults are
 * applied, and required arguments, allowed values, ranges and list lengths are checked.
 *
 * <pre>{@code
 * PredictRequest in = Requests.predict(new Echo(), Map.of("text", "hi"));
 * assertThat(in.integer("times")).isEqualTo(1);               // the declared default
 * assertThatThrownBy(() -> Requests.predict(new Echo(), Map.of("text", "hi", "times", 50)))
 *         .isInstanceOf(InvalidRequestException.class);       // what the runtime answers 422
 * }</pre>
 */
public final class Requests {

    private static final ArgumentParser PARSER = new ArgumentParser(Json.mapper());

    private Requests() {
    }

    /**
     * @param module the module under test
     * @param values argument values as a JSON body would hold them; an {@link UploadedFile} for a file
     * @return a request answering the module's first response type
     * @throws InvalidRequestException when the runtime would answer 422
     */
    public static PredictRequest predict(ModelEntryPoint module, Map<String, ?> values) {
        return predict(module, values, module.responseTypes().get(0));
    }

    /**
     * @param module the module under test
     * @param values argument values as a JSON body would hold them
     * @param responseType the media type asked for, one of the module's response types
     * @return the request
     * @throws InvalidRequestException when the runtime would answer 422
     */
    public static PredictRequest predict(ModelEntryPoint module, Map<String, ?> values, String responseType) {
        if (!module.responseTypes().contains(responseType)) {
            throw new InvalidRequestException("accept must be one of " + module.responseTypes(),
                    Map.of("accept", List.of("must be one of " + String.join(", ", module.responseTypes()))));
        }
        return new PredictRequest(parse(module.predictArguments(), values), responseType);
    }

    /**
     * @param module the module under test
     * @param values argument values as a JSON body would hold them
     * @return the request
     * @throws InvalidRequestException when the runtime would answer 422
     */
    public static TrainRequest train(ModelEntryPoint module, Map<String, ?> values) {
        return new TrainRequest(parse(module.trainArguments(), values));
    }

    /**
     * @param declared declared arguments
     * @param values argument values as a JSON body would hold them
     * @return the typed values, defaults applied
     * @throws InvalidRequestException when the runtime would answer 422
     */
    public static Map<String, Object> parse(List<Argument> declared, Map<String, ?> values) {
        Map<String, Object> json = new LinkedHashMap<>();
        Map<String, UploadedFile> files = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof UploadedFile file) {
                files.put(name, file);
            } else {
                json.put(name, value);
            }
        });
        try {
            return PARSER.parse(declared, RawArguments.empty().withJson(json).withFiles(files));
        } catch (InvalidArgumentsException e) {
            throw new InvalidRequestException(e.getMessage(), e.errors());
        }
    }
}
