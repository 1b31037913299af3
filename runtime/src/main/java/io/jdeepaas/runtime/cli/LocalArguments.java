package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.args.RawArguments;
import io.jdeepaas.spi.UploadedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --arg NAME=VALUE} and {@code --file NAME=PATH} options of the local subcommands. */
final class LocalArguments {

    @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "An argument value; repeat for lists.")
    List<String> args = new ArrayList<>();

    @Option(names = "--file", paramLabel = "NAME=PATH", description = "A file argument.")
    Map<String, Path> files = new LinkedHashMap<>();

    RawArguments raw() {
        Map<String, List<String>> text = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--arg needs NAME=VALUE, got " + arg);
            }
            text.computeIfAbsent(arg.substring(0, eq), k -> new ArrayList<>()).add(arg.substring(eq + 1));
        }
        Map<String, UploadedFile> uploaded = new LinkedHashMap<>();
        files.forEach((name, path) -> {
            try {
                String type = Files.probeContentType(path);
                uploaded.put(name, new UploadedFile(path.getFileName().toString(),
                        type == null ? "application/octet-stream" : type, path, Files.size(path)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read --file " + name + "=" + path, e);
            }
        });
        return new RawArguments(text, Map.of(), uploaded);
    }
}
