package io.jdeepaas.runtime.args;

import io.jdeepaas.spi.UploadedFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Argument values as a request carried them, before conversion.
 *
 * @param text values from a query string or form, by name, in order (a name may repeat)
 * @param json values from a JSON object body, by name, as Jackson read them
 * @param files uploaded files by field name
 */
public record RawArguments(Map<String, List<String>> text, Map<String, Object> json, Map<String, UploadedFile> files) {

    public RawArguments {
        text = copyText(text);
        json = new LinkedHashMap<>(json);
        files = new LinkedHashMap<>(files);
    }

    public static RawArguments empty() {
        return new RawArguments(Map.of(), Map.of(), Map.of());
    }

    /** @return these values plus more text values (e.g. a form added to a query string) */
    public RawArguments withText(Map<String, List<String>> more) {
        Map<String, List<String>> merged = copyText(text);
        more.forEach((k, v) -> merged.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        return new RawArguments(merged, json, files);
    }

    public RawArguments withJson(Map<String, Object> more) {
        Map<String, Object> merged = new LinkedHashMap<>(json);
        merged.putAll(more);
        return new RawArguments(text, merged, files);
    }

    public RawArguments withFiles(Map<String, UploadedFile> more) {
        Map<String, UploadedFile> merged = new LinkedHashMap<>(files);
        merged.putAll(more);
        return new RawArguments(text, json, merged);
    }

    /**
     * Removes a reserved argument (such as {@code accept}) and returns its single text value.
     *
     * @param name the reserved name
     * @return its value, or {@code null} when absent
     */
    public String take(String name) {
        Object fromJson = json.remove(name);
        List<String> fromText = text.remove(name);
        if (fromJson != null) {
            return fromJson.toString();
        }
        return fromText == null || fromText.isEmpty() ? null : fromText.get(fromText.size() - 1);
    }

    /** @return every argument name the request gave */
    public List<String> names() {
        List<String> names = new ArrayList<>(text.keySet());
        json.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        files.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }

    private static Map<String, List<String>> copyText(Map<String, List<String>> text) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        text.forEach((k, v) -> copy.put(k, new ArrayList<>(v)));
        return copy;
    }
}
