package io.jdeepaas.runtime.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps each training in a folder {@code <root>/<model>/<uuid>/}: {@code record.json} (written
 * atomically), {@code metrics.jsonl}, {@code log.txt}, {@code output/} and {@code inputs/}. Survives
 * restarts; needs no database.
 */
public final class FileTrainingStore implements TrainingStore {

    private static final Pattern UUID_HEX = Pattern.compile("[0-9a-f]{32}");

    private final Path root;
    private final ObjectMapper json;

    public FileTrainingStore(Path root, ObjectMapper json) {
        this.root = root;
        this.json = json;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the training folder " + root, e);
        }
    }

    @Override
    public synchronized void save(TrainingRecord record) {
        Path folder = folder(record.model(), record.uuid());
        try {
            Files.createDirectories(folder);
            Path temp = folder.resolve("record.json.tmp");
            Files.write(temp, json.writeValueAsBytes(record));
            Files.move(temp, folder.resolve("record.json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save training " + record.uuid(), e);
        }
    }

    @Override
    public Optional<TrainingRecord> find(String model, String uuid) {
        if (!UUID_HEX.matcher(uuid).matches()) {
            return Optional.empty();
        }
        return read(folder(model, uuid).resolve("record.json"));
    }

    @Override
    public List<TrainingRecord> list(String model) {
        return readAll(root.resolve(model));
    }

    @Override
    public List<TrainingRecord> all() {
        try (Stream<Path> models = Files.list(root)) {
            return models.filter(Files::isDirectory).flatMap(m -> readAll(m).stream())
                    .sorted(Comparator.comparing(TrainingRecord::date).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void appendMetrics(String model, String uuid, long step, Map<String, Double> metrics) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("step", step);
        line.put("metrics", metrics);
        try {
            append(folder(model, uuid).resolve("metrics.jsonl"), json.writeValueAsString(line));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void appendLog(String model, String uuid, String line) {
        append(folder(model, uuid).resolve("log.txt"), line.replace('\n', ' '));
    }

    @Override
    public Path outputDir(String model, String uuid) {
        return created(folder(model, uuid).resolve("output"));
    }

    @Override
    public Path inputDir(String model, String uuid) {
        return created(folder(model, uuid).resolve("inputs"));
    }

    private Path folder(String model, String uuid) {
        return root.resolve(model).resolve(uuid);
    }

    private List<TrainingRecord> readAll(Path modelFolder) {
        if (!Files.isDirectory(modelFolder)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(modelFolder)) {
            return folders.map(f -> read(f.resolve("record.json"))).flatMap(Optional::stream)
                    .sorted(Comparator.comparing(TrainingRecord::date).reversed()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<TrainingRecord> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), TrainingRecord.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training record " + file, e);
        }
    }

    private static synchronized void append(Path file, String line) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path created(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
