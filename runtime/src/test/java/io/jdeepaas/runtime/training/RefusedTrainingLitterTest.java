package io.jdeepaas.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import okhttp3.MediaType;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trainings refused because their model's queue is full leave nothing on disk, not even the file they
 * uploaded; training folders that no record owns are swept when the runtime starts.
 */
class RefusedTrainingLitterTest {

    private static final int QUEUE = 3;
    private static final int FLOOD = 40;
    private static final byte[] DATA = "1,2,3\n4,5,6\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    @Test
    void aFloodPastTheQueueLimitLeavesOneFolderPerAcceptedTrainingAndStrayFoldersAreSweptAtRestart()
            throws Exception {
        Path dataDir = root.resolve("data");
        Path folders = dataDir.resolve("trainings").resolve("dataset");
        Set<String> accepted = new HashSet<>();
        try (TestRuntime runtime = TestRuntime.start(c -> c.dataDir(dataDir).trainWorkers(1).trainQueueSize(QUEUE),
                "dataset")) {
            TestRuntime.Answer first = train(runtime, 600);
            String running = first.json().path("uuid").asText();
            runtime.awaitStatus("dataset", running, "running", Duration.ofSeconds(30));
            accepted.add(running);

            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<TestRuntime.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                answers.add(clients.submit(() -> train(runtime, 0)));
            }
            int refused = 0;
            for (Future<TestRuntime.Answer> answer : answers) {
                TestRuntime.Answer a = answer.get();
                if (a.status() == 200) {
                    accepted.add(a.json().path("uuid").asText());
                } else {
                    assertThat(a.status()).as(a.text()).isEqualTo(429);
                    refused++;
                }
            }
            clients.shutdown();

            assertThat(accepted).hasSize(QUEUE + 1);
            assertThat(refused).isEqualTo(FLOOD - QUEUE);
            JsonNode records = runtime.get("/v2/models/dataset/train/").json();
            assertThat(records.findValuesAsText("uuid")).containsExactlyInAnyOrderElementsOf(accepted);
            assertThat(names(folders)).as("one folder per accepted training, none for a refused one")
                    .containsExactlyInAnyOrderElementsOf(accepted);
            for (String uuid : accepted) {
                assertThat(folders.resolve(uuid).resolve("inputs").resolve("data")).hasBinaryContent(DATA);
            }
            assertThat(runtime.uploadLeftovers()).as("no upload outlives its request").isEmpty();
        }

        Path stray = folders.resolve(TrainingService.newId());
        Files.createDirectories(stray.resolve("inputs"));
        Files.write(stray.resolve("inputs").resolve("data"), DATA);
        Path orphanWithArtifacts = folders.resolve(TrainingService.newId());
        Files.createDirectories(orphanWithArtifacts.resolve("inputs"));
        Files.createDirectories(orphanWithArtifacts.resolve("output"));
        Files.write(orphanWithArtifacts.resolve("output").resolve("model.txt"), DATA);
        Path notATraining = folders.resolve("notes");
        Files.createDirectories(notATraining);

        try (TestRuntime restarted = TestRuntime.start(c -> c.dataDir(dataDir).trainWorkers(1)
                .trainQueueSize(QUEUE), "dataset")) {
            assertThat(stray).as("a folder no training owns is swept at start").doesNotExist();
            assertThat(orphanWithArtifacts.resolve("inputs")).doesNotExist();
            assertThat(orphanWithArtifacts.resolve("output").resolve("model.txt")).as("artifacts are kept")
                    .hasBinaryContent(DATA);
            assertThat(notATraining).exists();
            for (String uuid : accepted) {
                assertThat(folders.resolve(uuid).resolve("inputs").resolve("data")).hasBinaryContent(DATA);
            }
            for (String uuid : accepted) {
                if (!restarted.get("/v2/models/dataset/train/" + uuid).json().path("status").asText()
                        .equals("interrupted")) {
                    JsonNode ran = restarted.awaitTraining("dataset", uuid, Duration.ofSeconds(60));
                    assertThat(ran.path("status").asText()).as(ran.toString()).isEqualTo("done");
                    assertThat(ran.at("/result/bytes").asLong()).isEqualTo(DATA.length);
                }
            }
        }
    }

    private static TestRuntime.Answer train(TestRuntime runtime, double sleep) {
        return runtime.post("/v2/models/dataset/train/", TestRuntime.multipart()
                .addFormDataPart("sleep", String.valueOf(sleep))
                .addFormDataPart("data", "data.csv", RequestBody.create(DATA, MediaType.get("text/csv")))
                .build());
    }

    private static List<String> names(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }
}
