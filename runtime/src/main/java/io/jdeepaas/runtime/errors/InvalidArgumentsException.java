package io.jdeepaas.runtime.errors;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** 422: one or more arguments are missing or invalid; the body lists every message per argument. */
public class InvalidArgumentsException extends ApiException {

    private static final long serialVersionUID = 1L;
    private final Map<String, List<String>> ordered;
    public InvalidArgumentsException(Map<String, List<String>> errors) {
        super(422, summary(errors));
        this.ordered = new LinkedHashMap<>(errors);
    }

    public static InvalidArgumentsException of(String argument, String message) {
        return new InvalidArgumentsException(Map.of(argument, List.of(message)));
    }

    /** @return messages by argument name, in declaration order */
    public Map<String, List<String>> errors() {
        return ordered;
    }

    private static String summary(Map<String, List<String>> errors) {
        StringBuilder text = new StringBuilder("invalid arguments: ");
        errors.forEach((name, messages) -> text.append(name).append(" (").append(String.join("; ", messages)).append(") "));
        return text.toString().trim();
    }
}
