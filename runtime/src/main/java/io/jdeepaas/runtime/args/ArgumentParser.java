package io.jdeepaas.runtime.args;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepaas.runtime.errors.InvalidArgumentsException;
import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ArgumentType;
import io.jdeepaas.spi.UploadedFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Converts raw request values to the declared arguments' Java types, applies defaults, and checks
 * required arguments, allowed values and ranges. Every problem is collected, so one 422 names every
 * bad argument at once.
 */
public final class ArgumentParser {

    private final ValueConverter converter;

    public ArgumentParser(ObjectMapper json) {
        this.converter = new ValueConverter(json);
    }

    /**
     * @param declared the module's declared arguments
     * @param raw the request's values, reserved names already taken out
     * @return the typed values by name, in declaration order; absent optional arguments are left out
     * @throws InvalidArgumentsException listing every problem
     */
    public Map<String, Object> parse(List<Argument> declared, RawArguments raw) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (Argument argument : declared) {
            try {
                Object value = valueOf(argument, raw);
                if (value == null) {
                    value = argument.defaultValue();
                }
                if (value == null && argument.isRequired()) {
                    throw new IllegalArgumentException("is required");
                }
                if (value != null) {
                    check(argument, value);
                    values.put(argument.name(), value);
                }
            } catch (IllegalArgumentException e) {
                errors.computeIfAbsent(argument.name(), k -> new ArrayList<>()).add(e.getMessage());
            }
        }
        Set<String> known = declared.stream().map(Argument::name).collect(Collectors.toSet());
        for (String name : raw.names()) {
            if (!known.contains(name)) {
                errors.computeIfAbsent(name, k -> new ArrayList<>()).add("is not an argument of this model"
                        + (known.isEmpty() ? ", which takes none" : "; it takes " + String.join(", ",
                        declared.stream().map(Argument::name).toList())));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidArgumentsException(errors);
        }
        return values;
    }

    private Object valueOf(Argument argument, RawArguments raw) {
        String name = argument.name();
        UploadedFile file = raw.files().get(name);
        if (argument.type() == ArgumentType.FILE) {
            if (raw.text().containsKey(name) || raw.json().containsKey(name)) {
                if (file == null && textIsBlank(raw.text().get(name))) {
                    return null;
                }
                throw new IllegalArgumentException("must be uploaded as a file in a multipart/form-data request");
            }
            return file;
        }
        if (file != null) {
            throw new IllegalArgumentException("is a " + argument.type().label() + ", not a file");
        }
        if (raw.json().containsKey(name)) {
            Object value = raw.json().get(name);
            if (value == null) {
                return null;
            }
            return argument.type() == ArgumentType.LIST ? listFromJson(argument, value)
                    : converter.fromJson(argument.type(), value);
        }
        List<String> texts = raw.text().get(name);
        if (texts == null || texts.isEmpty()) {
            return null;
        }
        if (argument.type() == ArgumentType.LIST) {
            return listFromText(argument, texts);
        }
        if (texts.size() > 1) {
            throw new IllegalArgumentException("was given " + texts.size() + " times; give it once");
        }
        String text = texts.get(0);
        if (text.isEmpty() && argument.type() != ArgumentType.STRING) {
            return null;
        }
        return converter.fromText(argument.type(), text);
    }

    private List<Object> listFromJson(Argument argument, Object value) {
        List<?> items = value instanceof List<?> list ? list : List.of(value);
        return convertItems(items, item -> converter.fromJson(argument.itemType(), item));
    }

    private List<Object> listFromText(Argument argument, List<String> texts) {
        if (texts.size() == 1 && texts.get(0).isEmpty()) {
            return null;
        }
        List<String> items = texts.size() == 1
                ? Arrays.stream(texts.get(0).split(",", -1)).map(String::strip).toList() : texts;
        return convertItems(items, item -> converter.fromText(argument.itemType(), item));
    }

    /** Converts each item, naming the first bad one by its index. */
    private static <T> List<Object> convertItems(List<T> items, Function<T, Object> convert) {
        List<Object> converted = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                converted.add(convert.apply(items.get(i)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("item " + i + " " + e.getMessage());
            }
        }
        return converted;
    }

    /**
     * Checks a typed value against an argument's allowed values and range (each item of a list);
     * also used at load time for declared defaults.
     *
     * @param argument the declaration
     * @param value a value of the argument's Java type
     * @throws IllegalArgumentException with a message completing "the argument ..."
     */
    public static void check(Argument argument, Object value) {
        if (value instanceof List<?> items && argument.type() == ArgumentType.LIST) {
            if (argument.minItems() != null && items.size() < argument.minItems()) {
                throw new IllegalArgumentException("must have at least " + argument.minItems() + " items, got "
                        + items.size());
            }
            if (argument.maxItems() != null && items.size() > argument.maxItems()) {
                throw new IllegalArgumentException("must have at most " + argument.maxItems() + " items, got "
                        + items.size());
            }
            for (int i = 0; i < items.size(); i++) {
                checkScalar(argument, items.get(i), "item " + i + " ");
            }
        } else {
            checkScalar(argument, value, "");
        }
    }

    private static void checkScalar(Argument argument, Object value, String prefix) {
        if (!argument.allowedValues().isEmpty() && !argument.allowedValues().contains(value)) {
            throw new IllegalArgumentException(prefix + "must be one of " + argument.allowedValues().stream()
                    .map(String::valueOf).collect(Collectors.joining(", ")) + ", got '" + value + "'");
        }
        if (value instanceof Number number) {
            double v = number.doubleValue();
            if (argument.minimum() != null && v < argument.minimum()) {
                throw new IllegalArgumentException(prefix + "must be at least " + format(argument.minimum())
                        + ", got " + value);
            }
            if (argument.maximum() != null && v > argument.maximum()) {
                throw new IllegalArgumentException(prefix + "must be at most " + format(argument.maximum())
                        + ", got " + value);
            }
        }
    }

    private static boolean textIsBlank(List<String> texts) {
        return texts == null || texts.stream().allMatch(String::isEmpty);
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) && Math.abs(bound) < 1e15 ? String.valueOf((long) bound) : String.valueOf(bound);
    }
}
