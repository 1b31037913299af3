package io.jdeepaas.spi;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to validated argument values. Each value has the Java type of its
 * {@link ArgumentType}; an argument the request omitted and that has no default is absent.
 */
public interface ArgumentValues {

    /** @return every present value by argument name */
    Map<String, Object> values();

    /**
     * @param name an argument's name
     * @return whether the request gave it or it has a default
     */
    default boolean has(String name) {
        return values().get(name) != null;
    }

    /**
     * @param name an argument's name
     * @return its value, or empty when absent
     */
    default Optional<Object> optional(String name) {
        return Optional.ofNullable(values().get(name));
    }

    /**
     * @param name a string argument's name
     * @return its value, or {@code null} when absent
     */
    default String string(String name) {
        return get(name, String.class);
    }

    /**
     * @param name an integer argument's name
     * @return its value as an {@code int}
     * @throws IllegalStateException when absent or beyond the {@code int} range
     */
    default int integer(String name) {
        return Math.toIntExact(longValue(name));
    }

    /**
     * @param name an integer argument's name
     * @return its value
     * @throws IllegalStateException when absent
     */
    default long longValue(String name) {
        return require(name, Long.class);
    }

    /**
     * @param name a number argument's name
     * @return its value
     * @throws IllegalStateException when absent
     */
    default double number(String name) {
        return require(name, Number.class).doubleValue();
    }

    /**
     * @param name a boolean argument's name
     * @return its value, or {@code false} when absent
     */
    default boolean bool(String name) {
        Boolean value = get(name, Boolean.class);
        return value != null && value;
    }

    /**
     * @param name a list argument's name
     * @param itemClass the Java type of its items ({@code String}, {@code Long}, {@code Double},
     *     {@code Boolean} or {@code URI})
     * @param <T> the item type
     * @return its items, or an empty list when absent
     */
    @SuppressWarnings("unchecked")
    default <T> List<T> list(String name, Class<T> itemClass) {
        List<?> items = get(name, List.class);
        if (items == null) {
            return List.of();
        }
        for (Object item : items) {
            if (!itemClass.isInstance(item)) {
                throw new IllegalStateException("argument '" + name + "' holds " + item.getClass().getSimpleName()
                        + ", not " + itemClass.getSimpleName());
            }
        }
        return (List<T>) items;
    }

    /**
     * @param name a file argument's name
     * @return the uploaded file, or {@code null} when absent
     */
    default UploadedFile file(String name) {
        return get(name, UploadedFile.class);
    }

    /**
     * @param name a url argument's name
     * @return its value, or {@code null} when absent
     */
    default URI url(String name) {
        return get(name, URI.class);
    }

    /**
     * @param name a json argument's name
     * @return the object, or {@code null} when absent
     */
    @SuppressWarnings("unchecked")
    default Map<String, Object> json(String name) {
        return get(name, Map.class);
    }

    /**
     * @param name an argument's name
     * @param type the expected Java type
     * @param <T> the expected type
     * @return the value, or {@code null} when absent
     * @throws IllegalStateException when the value has another type
     */
    default <T> T get(String name, Class<T> type) {
        Object value = values().get(name);
        if (value == null) {
            return null;
        }
        if (!type.isInstance(value)) {
            throw new IllegalStateException("argument '" + name + "' is a " + value.getClass().getSimpleName()
                    + ", not a " + type.getSimpleName());
        }
        return type.cast(value);
    }

    private <T> T require(String name, Class<T> type) {
        T value = get(name, type);
        if (value == null) {
            throw new IllegalStateException("argument '" + name + "' has no value and no default (a request made"
                    + " with PredictRequest.of(values) applies no default: use PredictRequest.of(declared, values),"
                    + " TrainRequest.of(declared, values), or the test kit's requests)");
        }
        return value;
    }
}
