package io.jdeepaas.runtime.training;

import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.runtime.args.RawArguments;
import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ArgumentType;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.UploadedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training's arguments as they are stored: JSON values, with each uploaded file copied into the
 * training's {@code inputs/} folder and shown as {@code {"name", "size", "content_type"}}. From that
 * form the module's request is rebuilt whenever the training runs, so a training queued before a
 * restart, or a retry, runs with exactly the arguments it was given.
 */
public final class TrainingArguments {

    private TrainingArguments() {
    }

    /**
     * Keeps a request's parsed values for later: copies uploaded files into {@code inputs}, which is
     * made only when there is a file to keep.
     *
     * @param values the parsed values
     * @param inputs the training's inputs folder
     * @return the values as the record shows and stores them
     */
    public static Map<String, Object> keep(Map<String, Object> values, Path inputs) {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            if (value instanceof UploadedFile file) {
                try {
                    Files.createDirectories(inputs);
                    Files.copy(file.path(), inputs.resolve(name));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot keep the uploaded file '" + name + "'", e);
                }
                Map<String, Object> described = new LinkedHashMap<>();
                described.put("name", file.originalName());
                described.put("size", file.size());
                described.put("content_type", file.contentType());
                shown.put(name, described);
            } else if (value instanceof URI uri) {
                shown.put(name, uri.toString());
            } else {
                shown.put(name, value);
            }
        });
        return shown;
    }

    /**
     * Rebuilds the module's request from stored arguments, checking them again.
     *
     * @param declared the module's declared train arguments
     * @param stored the arguments as stored
     * @param inputs the training's inputs folder
     * @param parser the argument parser
     * @return the request
     * @throws io.jdeepaas.runtime.errors.InvalidArgumentsException when they no longer fit the module
     */
    public static TrainRequest rebuild(List<Argument> declared, Map<String, Object> stored, Path inputs,
                                       ArgumentParser parser) {
        Map<String, Object> json = new LinkedHashMap<>(stored);
        Map<String, UploadedFile> files = new LinkedHashMap<>();
        for (Argument argument : declared) {
            if (argument.type() == ArgumentType.FILE && json.get(argument.name()) instanceof Map<?, ?> described) {
                json.remove(argument.name());
                Path copy = inputs.resolve(argument.name());
                if (!Files.isRegularFile(copy)) {
                    throw new IllegalStateException("the uploaded file '" + argument.name() + "' is no longer in "
                            + inputs);
                }
                Object type = described.get("content_type");
                files.put(argument.name(), new UploadedFile(String.valueOf(described.get("name")),
                        type == null ? "application/octet-stream" : type.toString(), copy, size(copy)));
            }
        }
        return new TrainRequest(parser.parse(declared, new RawArguments(Map.of(), json, files)));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
