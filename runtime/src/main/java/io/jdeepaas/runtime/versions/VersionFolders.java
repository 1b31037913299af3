package io.jdeepaas.runtime.versions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of versions on disk: {@code <data-dir>/models/<model>/versions/<id>/}, written once
 * (moved in whole from a training's model folder or an unpacked upload) and never changed.
 */
public final class VersionFolders {

    private final Path root;

    /** @param modelsDir {@code <data-dir>/models} */
    public VersionFolders(Path modelsDir) {
        this.root = modelsDir.toAbsolutePath().normalize();
    }

    /** @return where a version's files are */
    public Path dir(String model, int number) {
        return root.resolve(model).resolve("versions").resolve(String.valueOf(number));
    }

    /** @return a new empty folder beside the versions of a model, for an upload being unpacked */
    Path staging(String model) {
        try {
            Path parent = Files.createDirectories(root.resolve(model).resolve("versions"));
            return Files.createTempDirectory(parent, ".incoming-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a folder for a new version of " + model, e);
        }
    }

    /** @return whether a folder holds at least one regular file */
    static boolean hasFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    /** @return the regular files of a folder, in path order, with sizes and SHA-256 */
    static List<VersionFile> describe(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            List<VersionFile> files = new ArrayList<>();
            for (Path file : walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList()) {
                files.add(new VersionFile(dir.relativize(file).toString().replace('\\', '/'), Files.size(file),
                        sha256(file)));
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the files of " + dir, e);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Moves a complete folder to be a version's folder (renamed when it can be, else copied). */
    void adopt(Path source, String model, int number) {
        Path target = dir(model, number);
        try {
            Files.createDirectories(target.getParent());
            deleteTree(target); // left by a registration that failed half-way
            try {
                Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException | java.nio.file.DirectoryNotEmptyException e) {
                copyTree(source, target);
                deleteTree(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the files of version " + number + " of " + model + " into "
                    + target, e);
        }
    }

    /** Deletes a version's files. */
    void delete(String model, int number) {
        deleteTree(dir(model, number));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : paths.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
