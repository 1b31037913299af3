package io.jdeepaas.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A declared argument of predict or train. Immutable; start from a typed factory and refine it:
 *
 * <pre>{@code
 * Argument.string("text").required().description("What to repeat")
 * Argument.integer("number").range(1, 100).defaultValue(50)
 * Argument.string("choice").allowedValues("a", "b", "c").defaultValue("a")
 * Argument.list("numbers", ArgumentType.NUMBER).length(1, 100)
 * Argument.file("image").required().description("A PNG or JPEG")
 * }</pre>
 *
 * <p>The runtime reads each argument from the query string, a form, a multipart body or a JSON
 * body, converts it to the type's Java value (see {@link ArgumentType}), applies the default,
 * checks {@code required}, allowed values and range, and answers 422 listing every bad argument
 * before the module is called.
 *
 * @param name the argument's name; {@code experiment} and {@code accept} are reserved
 * @param type its type
 * @param itemType for {@link ArgumentType#LIST}, the type of its items; otherwise {@code null}
 * @param isRequired whether a request must give it
 * @param defaultValue the value used when a request omits it (of the parsed Java type), or {@code null}
 * @param allowedValues the only values accepted (of the parsed Java type); empty for any
 * @param minimum the smallest accepted number (or list item), or {@code null}
 * @param maximum the largest accepted number (or list item), or {@code null}
 * @param description what the argument means, shown in the API documentation
 * @param minItems for a list, the fewest items accepted, or {@code null}
 * @param maxItems for a list, the most items accepted, or {@code null}
 */
public record Argument(String name, ArgumentType type, ArgumentType itemType, boolean isRequired, Object defaultValue,
                       List<Object> allowedValues, Double minimum, Double maximum, String description,
                       Integer minItems, Integer maxItems) {

    /**
     * Checks the declaration.
     *
     * @param name the argument's name
     * @param type its type
     * @param itemType the type of a list's items
     * @param isRequired whether it is required
     * @param defaultValue its default
     * @param allowedValues the accepted values
     * @param minimum the smallest number
     * @param maximum the largest number
     * @param description its description
     * @param minItems the fewest list items
     * @param maxItems the most list items
     */
    public Argument {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("invalid argument name '" + name + "'");
        }
        if (type == ArgumentType.LIST && (itemType == null || !itemType.isScalar())) {
            throw new IllegalArgumentException("list argument '" + name + "' needs a scalar item type");
        }
        if (minimum != null && maximum != null && minimum > maximum) {
            throw new IllegalArgumentException("argument '" + name + "' has minimum > maximum");
        }
        if ((minItems != null || maxItems != null) && type != ArgumentType.LIST) {
            throw new IllegalArgumentException("argument '" + name + "' is no list: it has no length bounds");
        }
        if ((minItems != null && minItems < 0) || (minItems != null && maxItems != null && minItems > maxItems)) {
            throw new IllegalArgumentException("list argument '" + name + "' has invalid length bounds");
        }
        defaultValue = normalize(defaultValue, type, itemType);
        allowedValues = allowedValues.stream().map(v -> normalize(v, type, itemType)).toList();
        description = description == null ? "" : description;
    }

    private static Argument of(String name, ArgumentType type, ArgumentType itemType) {
        return new Argument(name, type, itemType, false, null, List.of(), null, null, "", null, null);
    }

    /**
     * @param name the argument's name
     * @return an optional text argument
     */
    public static Argument string(String name) {
        return of(name, ArgumentType.STRING, null);
    }

    /**
     * @param name the argument's name
     * @return an optional whole-number argument (parsed to {@link Long})
     */
    public static Argument integer(String name) {
        return of(name, ArgumentType.INTEGER, null);
    }

    /**
     * @param name the argument's name
     * @return an optional decimal-number argument (parsed to {@link Double})
     */
    public static Argument number(String name) {
        return of(name, ArgumentType.NUMBER, null);
    }

    /**
     * @param name the argument's name
     * @return an optional boolean argument
     */
    public static Argument bool(String name) {
        return of(name, ArgumentType.BOOLEAN, null);
    }

    /**
     * A list of scalar values. In a query string or form, repeat the name or separate values with
     * commas; in JSON, give an array.
     *
     * @param name the argument's name
     * @param itemType the items' type: string, integer, number, boolean or url
     * @return an optional list argument
     */
    public static Argument list(String name, ArgumentType itemType) {
        return of(name, ArgumentType.LIST, itemType);
    }

    /**
     * An uploaded file, sent as a multipart part. The file lives only for the request.
     *
     * @param name the argument's name (the multipart field name)
     * @return an optional file argument
     */
    public static Argument file(String name) {
        return of(name, ArgumentType.FILE, null);
    }

    /**
     * @param name the argument's name
     * @return an optional absolute http(s) URL argument (parsed to {@link java.net.URI})
     */
    public static Argument url(String name) {
        return of(name, ArgumentType.URL, null);
    }

    /**
     * @param name the argument's name
     * @return an optional JSON-object argument (parsed to a map)
     */
    public static Argument json(String name) {
        return of(name, ArgumentType.JSON, null);
    }

    /** @return a copy that requests must give */
    public Argument required() {
        return new Argument(name, type, itemType, true, defaultValue, allowedValues, minimum, maximum, description,
                minItems, maxItems);
    }

    /**
     * @param value the value used when a request omits the argument; an {@code int} is widened
     *     to {@link Long} and a {@code float} to {@link Double}
     * @return a copy with this default
     */
    public Argument defaultValue(Object value) {
        return new Argument(name, type, itemType, isRequired, widen(value), allowedValues, minimum, maximum, description,
                minItems, maxItems);
    }

    /**
     * @param values the only accepted values; ints and floats are widened like defaults
     * @return a copy that accepts only these values
     */
    public Argument allowedValues(Object... values) {
        List<Object> widened = Arrays.stream(values).map(Argument::widen).toList();
        return new Argument(name, type, itemType, isRequired, defaultValue, widened, minimum, maximum, description,
                minItems, maxItems);
    }

    /**
     * @param min the smallest accepted number, inclusive
     * @param max the largest accepted number, inclusive
     * @return a copy with this range (for a list, each item is checked)
     */
    public Argument range(double min, double max) {
        return new Argument(name, type, itemType, isRequired, defaultValue, allowedValues, min, max, description,
                minItems, maxItems);
    }

    /**
     * @param min the smallest accepted number, inclusive
     * @return a copy with this lower bound
     */
    public Argument min(double min) {
        return new Argument(name, type, itemType, isRequired, defaultValue, allowedValues, min, maximum, description,
                minItems, maxItems);
    }

    /**
     * @param max the largest accepted number, inclusive
     * @return a copy with this upper bound
     */
    public Argument max(double max) {
        return new Argument(name, type, itemType, isRequired, defaultValue, allowedValues, minimum, max, description,
                minItems, maxItems);
    }

    /**
     * @param text what the argument means
     * @return a copy with this description
     */
    public Argument description(String text) {
        return new Argument(name, type, itemType, isRequired, defaultValue, allowedValues, minimum, maximum, text,
                minItems, maxItems);
    }

    /**
     * @param min the fewest items a list accepts
     * @param max the most items a list accepts
     * @return a copy of this list argument with these length bounds
     */
    public Argument length(int min, int max) {
        return new Argument(name, type, itemType, isRequired, defaultValue, allowedValues, minimum, maximum, description,
                min, max);
    }

    /** Gives a number the Java type of a number or integer argument: {@code 1} is 1.0 for a number. */
    private static Object normalize(Object value, ArgumentType type, ArgumentType itemType) {
        if (value instanceof List<?> list && type == ArgumentType.LIST) {
            return list.stream().map(item -> normalize(item, itemType, null)).toList();
        }
        if (type == ArgumentType.NUMBER && value instanceof Number number && !(value instanceof Double)) {
            return number.doubleValue();
        }
        return widen(value);
    }

    /** Gives a value the Java type the runtime parses to: {@code Long} for ints, {@code Double} for floats. */
    static Object widen(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Argument::widen).toList();
        }
        return value;
    }
}
