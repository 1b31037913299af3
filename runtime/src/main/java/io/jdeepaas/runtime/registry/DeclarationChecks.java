package io.jdeepaas.runtime.registry;

import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ArgumentType;
import io.jdeepaas.spi.ModelEntryPoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks a module's declarations pass at load time, before it is served: defaults of the
 * declared type, within the range and among the allowed values; allowed values of the declared type;
 * no reserved or repeated argument name; metadata present. A module that fails one is served in state
 * {@code failed} with messages naming the argument, instead of answering every request with a 422
 * that blames the caller. The test kit's contract checker runs the same checks.
 */
public final class DeclarationChecks {

    /** Argument names the runtime takes for itself: the response type and a training's experiment. */
    public static final Set<String> RESERVED = Set.of("accept", "experiment");

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9._-]*");

    private DeclarationChecks() {
    }

    /**
     * @param name a model name
     * @return why it cannot be a model name (it is a URL segment), or {@code null} when it can
     */
    public static String nameProblem(String name) {
        if (name != null && NAME.matcher(name).matches()) {
            return null;
        }
        return "an invalid model name '" + name + "': use lower-case letters, digits, '.', '_' or '-', starting with"
                + " a letter or digit";
    }

    /**
     * @param module an entry point
     * @param name the name its {@code name()} returned
     * @return why its {@link io.jdeepaas.spi.ModelName} disagrees with that name, or {@code null} when it
     *         has none or agrees
     */
    public static String annotationProblem(ModelEntryPoint module, String name) {
        io.jdeepaas.spi.ModelName declared = module.getClass().getAnnotation(io.jdeepaas.spi.ModelName.class);
        if (declared == null || declared.value().equals(name)) {
            return null;
        }
        return "the annotation @ModelName(\"" + declared.value() + "\") but a name() that returns '" + name
                + "': keep one of the two";
    }

    /**
     * @param module an entry point
     * @return what is wrong with its declarations, one phrase each; empty when nothing is
     */
    public static List<String> problems(ModelEntryPoint module) {
        List<String> problems = new ArrayList<>();
        try {
            if (module.metadata() == null) {
                problems.add("no metadata (metadata() returned null)");
            }
            check("predict", module.predictArguments(), problems);
            check("train", module.trainArguments(), problems);
            List<String> responseTypes = module.responseTypes();
            if (responseTypes == null || responseTypes.isEmpty()) {
                problems.add("no response types (responseTypes() is empty)");
            }
        } catch (RuntimeException | LinkageError e) {
            problems.add("declarations that cannot be read: " + Failures.describe(e));
        }
        return problems;
    }

    private static void check(String method, List<Argument> arguments, List<String> problems) {
        if (arguments == null) {
            problems.add("no " + method + " argument list (" + method + "Arguments() returned null)");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (Argument argument : arguments) {
            String where = method + " argument '" + argument.name() + "'";
            if (RESERVED.contains(argument.name())) {
                problems.add(where + ", a name the runtime reserves (" + String.join(", ", RESERVED.stream().sorted()
                        .toList()) + "): rename it");
            }
            if (!seen.add(argument.name())) {
                problems.add(where + " twice");
            }
            for (Object allowed : argument.allowedValues()) {
                String wrong = typeProblem(argument, allowed);
                if (wrong != null) {
                    problems.add(where + " with the allowed value " + show(allowed) + ", which " + wrong);
                }
            }
            Object value = argument.defaultValue();
            if (value == null) {
                continue;
            }
            String wrong = typeProblem(argument, value);
            if (wrong != null) {
                problems.add(where + " with the default " + show(value) + ", which " + wrong);
                continue;
            }
            try {
                ArgumentParser.check(argument, value);
            } catch (IllegalArgumentException e) {
                problems.add(where + " with a default that the runtime would refuse: it " + e.getMessage());
            }
        }
    }

    /** @return why a value does not have the argument's Java type, or {@code null} when it has */
    private static String typeProblem(Argument argument, Object value) {
        if (argument.type() == ArgumentType.FILE) {
            return "cannot be: a file argument has no default or allowed values";
        }
        if (argument.type() == ArgumentType.LIST) {
            if (!(value instanceof List<?> items)) {
                return "is not a list of " + argument.itemType().label() + " values";
            }
            for (Object item : items) {
                String wrong = scalarProblem(argument.itemType(), item);
                if (wrong != null) {
                    return "holds " + show(item) + ", which " + wrong;
                }
            }
            return null;
        }
        return scalarProblem(argument.type(), value);
    }

    private static String scalarProblem(ArgumentType type, Object value) {
        boolean ok = switch (type) {
            case STRING -> value instanceof String;
            case INTEGER -> value instanceof Long;
            case NUMBER -> value instanceof Double d && Double.isFinite(d);
            case BOOLEAN -> value instanceof Boolean;
            case URL -> value instanceof URI;
            case JSON -> value instanceof Map;
            default -> false;
        };
        if (ok) {
            return null;
        }
        String expected = switch (type) {
            case STRING -> "a String";
            case INTEGER -> "a whole number (int or long)";
            case NUMBER -> "a finite number";
            case BOOLEAN -> "a boolean";
            case URL -> "a java.net.URI";
            case JSON -> "a Map";
            default -> "a " + type.label();
        };
        return "is not of the declared type " + type.label() + " (expected " + expected + ", got "
                + (value == null ? "null" : value.getClass().getSimpleName()) + ")";
    }

    private static String show(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
