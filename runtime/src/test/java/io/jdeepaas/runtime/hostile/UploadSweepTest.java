package io.jdeepaas.runtime.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;

/**
 * Upload folders that a killed process left are swept when the runtime starts; those of a live
 * process sharing the data folder are kept.
 */
class UploadSweepTest {

    @Test
    void uploadFoldersOfDeadProcessesAreSweptAtStartAndLiveOnesKept() throws Exception {
        Path dataDir = Files.createTempDirectory("jdeepaas-sweep");
        Path uploads = Files.createDirectories(dataDir.resolve("tmp").resolve("uploads"));
        Path oldLayout = Files.createDirectories(uploads.resolve("3f2a0c1e-0000-4000-8000-000000000000"));
        Files.write(oldLayout.resolve("upload-0"), new byte[1000]);
        Path dead = Files.createDirectories(uploads.resolve("dead-process").resolve("request-1"));
        Files.write(uploads.resolve("dead-process").resolve(".owner"), new byte[0]);
        Files.write(dead.resolve("upload-0"), new byte[1000]);
        Files.write(uploads.resolve("dead-process").resolve("MultiPart123"), new byte[1000]);
        Path live = Files.createDirectories(uploads.resolve("live-process").resolve("request-2"));
        Files.write(live.resolve("upload-0"), new byte[1000]);
        try (FileChannel channel = FileChannel.open(uploads.resolve("live-process").resolve(".owner"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = lockedByAnotherProcess(channel)) {
            try (TestRuntime runtime = TestRuntime.start(c -> c.dataDir(dataDir), "demo")) {
                assertThat(oldLayout).doesNotExist();
                assertThat(uploads.resolve("dead-process")).doesNotExist();
                assertThat(live.resolve("upload-0")).exists();
                assertThat(runtime.get("/v2/models/").status()).isEqualTo(200);
            }
        }
    }

    /** A lock this JVM holds looks, to the runtime in the same JVM, like another live process's. */
    private static FileLock lockedByAnotherProcess(FileChannel channel) throws java.io.IOException {
        return channel.lock();
    }
}
