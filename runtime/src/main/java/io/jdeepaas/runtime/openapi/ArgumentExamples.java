package io.jdeepaas.runtime.openapi;

import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.runtime.args.RawArguments;
import io.jdeepaas.runtime.errors.InvalidArgumentsException;
import io.jdeepaas.runtime.json.Json;
import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ArgumentType;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Examples of one operation's arguments: the request body Swagger UI starts from (the required
 * arguments only, so "Try it out" sends nothing the user did not type or was not required), and
 * the 422 answer the server really gives for a bad request to that operation, produced by the
 * runtime's own {@link ArgumentParser}.
 */
final class ArgumentExamples {

    private static final ArgumentParser PARSER = new ArgumentParser(Json.mapper());

    private ArgumentExamples() {
    }

    /**
     * @param arguments the declared arguments
     * @param encoding how the body carries them
     * @return a sample value of each required argument; {@code null} when a required argument is
     *     a file (an example cannot hold one)
     */
    static Map<String, Object> requiredOnly(List<Argument> arguments, ArgumentSchemas.Encoding encoding) {
        Map<String, Object> example = new LinkedHashMap<>();
        for (Argument argument : arguments) {
            if (!argument.isRequired()) {
                continue;
            }
            if (argument.type() == ArgumentType.FILE) {
                return null;
            }
            example.put(argument.name(), argument.type() == ArgumentType.LIST
                    ? List.of(sample(argument, argument.itemType(), encoding))
                    : sample(argument, argument.type(), encoding));
        }
        return example;
    }

    /**
     * The 422 answer of an operation: its required arguments left out, or else one argument out of
     * its range or allowed values, or else an argument the model does not take.
     *
     * @param arguments the declared arguments
     * @return the response, with the message and errors the server answers
     */
    static ApiResponse invalidArguments(List<Argument> arguments) {
        Map<String, Object> example = new LinkedHashMap<>();
        try {
            PARSER.parse(arguments, badRequest(arguments));
            throw new IllegalStateException("no invalid request could be made for " + arguments);
        } catch (InvalidArgumentsException e) {
            example.put("message", e.getMessage());
            example.put("errors", e.errors());
        }
        return new ApiResponse().description("Some arguments are invalid; each is listed with its messages")
                .content(new Content().addMediaType("application/json", new MediaType()
                        .schema(SharedSchemas.ref(SharedSchemas.VALIDATION_ERROR)).example(example)));
    }

    private static RawArguments badRequest(List<Argument> arguments) {
        if (arguments.stream().anyMatch(Argument::isRequired)) {
            return RawArguments.empty();
        }
        for (Argument argument : arguments) {
            String bad = outOfBounds(argument);
            if (bad != null) {
                return new RawArguments(Map.of(argument.name(), List.of(bad)), Map.of(), Map.of());
            }
        }
        return new RawArguments(Map.of("unknown", List.of("1")), Map.of(), Map.of());
    }

    private static String outOfBounds(Argument argument) {
        ArgumentType type = argument.type() == ArgumentType.LIST ? argument.itemType() : argument.type();
        if (type == ArgumentType.INTEGER || type == ArgumentType.NUMBER) {
            Double bound = argument.maximum() != null ? Double.valueOf(argument.maximum() + 1)
                    : argument.minimum() != null ? Double.valueOf(argument.minimum() - 1) : null;
            if (bound != null) {
                return type == ArgumentType.INTEGER ? String.valueOf((long) Math.floor(bound))
                        : ArgumentSchemas.decimal(bound).toPlainString();
            }
        }
        if (type == ArgumentType.STRING && !argument.allowedValues().isEmpty()) {
            return "none-of-these";
        }
        return null;
    }

    private static Object sample(Argument argument, ArgumentType type, ArgumentSchemas.Encoding encoding) {
        List<Object> allowed = argument.allowedValues().stream().filter(v -> !(v instanceof List<?>)).toList();
        if (!allowed.isEmpty()) {
            return ArgumentSchemas.plain(allowed.get(0));
        }
        double low = argument.minimum() != null ? argument.minimum() : argument.maximum() != null
                ? Math.min(argument.maximum(), 1) : 1;
        return switch (type) {
            case INTEGER -> (long) Math.ceil(low);
            case NUMBER -> ArgumentSchemas.decimal(low);
            case BOOLEAN -> true;
            case URL -> "https://example.org/data.csv";
            case JSON -> encoding == ArgumentSchemas.Encoding.JSON ? Map.of() : "{}";
            default -> "text";
        };
    }
}
