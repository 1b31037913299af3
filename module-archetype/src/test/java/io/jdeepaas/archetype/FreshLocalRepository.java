package io.jdeepaas.archetype;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Maven local repository as a fresh machine has it after the project's build: every plugin and
 * library of the user's repository (linked, read only by an offline build), and of jDEEPaaS only the
 * jars and poms this build just made, never an older installed copy.
 */
final class FreshLocalRepository {

    static final String GROUP_PATH = "io/jdeepaas";

    private final Path root;
    private final String version;

    private FreshLocalRepository(Path root, String version) {
        this.root = root;
        this.version = version;
    }

    /**
     * @param root the folder to lay the repository in
     * @param userRepository the repository the build's plugins and libraries come from
     * @param version this build's version
     */
    static FreshLocalRepository linkedTo(Path root, Path userRepository, String version) throws IOException {
        Files.createDirectories(root);
        linkChildren(userRepository, root, "io");
        Path io = Files.createDirectories(root.resolve("io"));
        if (Files.isDirectory(userRepository.resolve("io"))) {
            linkChildren(userRepository.resolve("io"), io, "jdeepaas");
        }
        return new FreshLocalRepository(root, version);
    }

    private static void linkChildren(Path from, Path into, String except) throws IOException {
        try (Stream<Path> children = Files.list(from)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                if (!child.getFileName().toString().equals(except)) {
                    Files.createSymbolicLink(into.resolve(child.getFileName().toString()), child);
                }
            }
        }
    }

    /** Lays one artifact of this build as {@code mvn install} would. */
    FreshLocalRepository put(String artifactId, Path pom, Path jar) throws IOException {
        Path folder = Files.createDirectories(root.resolve(GROUP_PATH).resolve(artifactId).resolve(version));
        String base = artifactId + "-" + version;
        Files.copy(pom, folder.resolve(base + ".pom"));
        if (jar != null) {
            Files.copy(jar, folder.resolve(base + ".jar"));
        }
        return this;
    }

    /** Writes a settings file that points an offline build at this repository. */
    Path settings(Path file) throws IOException {
        Files.writeString(file, String.join("\n", List.of(
                "<settings>",
                "  <localRepository>" + root.toAbsolutePath() + "</localRepository>",
                "  <offline>true</offline>",
                "</settings>", "")));
        return file;
    }
}
