package io.jdeepaas.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code versions ...}: the version operations from the command line, against a running server. */
class VersionsCommandTest {

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    private static Run run(String url, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", url));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            var cli = Main.commandLine();
            cli.setErr(new PrintWriter(e, true));
            cli.setOut(new PrintWriter(o, true));
            int exit = cli.execute(all.toArray(String[]::new));
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void listPromoteUploadAndDeleteFromTheCommandLineChangeWhatTheServerServes() throws Exception {
        try (TestRuntime runtime = TestRuntime.start("iris")) {
            String url = runtime.url("");
            String uuid = runtime.postJson("/v2/models/iris/train/", Map.of("epochs", 3)).json().path("uuid").asText();
            assertThat(runtime.awaitTraining("iris", uuid, Duration.ofMinutes(3)).path("status").asText())
                    .isEqualTo("done");

            Run listed = run(url, "versions", "list", "iris");
            assertThat(listed.exit()).as(listed.err()).isZero();
            JsonNode versions = TestRuntime.JSON.readTree(listed.out());
            assertThat(versions.at("/aliases/production").asText()).isEqualTo("2");
            assertThat(versions.path("versions").get(0).path("training").asText()).isEqualTo(uuid);

            assertThat(run(url, "versions", "promote", "iris", "1").exit()).isZero();
            assertThat(runtime.postJson("/v2/models/iris/predict/", Map.of("sepal_length", 6.7, "sepal_width", 3.0,
                    "petal_length", 5.2, "petal_width", 2.3)).header("X-Model-Version")).isEqualTo("1");
            assertThat(run(url, "versions", "promote", "iris", "2", "--alias", "staging").exit()).isZero();
            assertThat(TestRuntime.JSON.readTree(run(url, "versions", "show", "iris", "staging").out())
                    .path("training").asText()).isEqualTo(uuid);

            Run refused = run(url, "versions", "delete", "iris", "2");
            assertThat(refused.exit()).isEqualTo(2);
            assertThat(refused.err()).startsWith("error: 409").contains("staging");
            assertThat(run(url, "versions", "unalias", "iris", "staging").exit()).isZero();

            Path file = Files.writeString(dir.resolve("notes.txt"), "a version made elsewhere");
            Run uploaded = run(url, "versions", "upload", "iris", file.toString());
            assertThat(uploaded.exit()).as(uploaded.err()).isZero();
            assertThat(TestRuntime.JSON.readTree(uploaded.out()).path("version").asText()).isEqualTo("3");
            // iris cannot load a text file: production stays at 1 and says why the upload is not served
            assertThat(TestRuntime.JSON.readTree(uploaded.out()).path("aliases").toString()).doesNotContain("production");
            Run broken = run(url, "versions", "promote", "iris", "3");
            assertThat(broken.exit()).isEqualTo(2);
            assertThat(broken.err()).startsWith("error: 500").contains("version 3 of model 'iris' failed to warm",
                    "version 1 stays served");
            assertThat(TestRuntime.JSON.readTree(run(url, "versions", "list", "iris").out())
                    .at("/aliases/production").asText()).isEqualTo("1");
            assertThat(run(url, "versions", "delete", "iris", "2").exit()).isZero();
            assertThat(run(url, "versions", "show", "iris", "2").err()).startsWith("error: 404");
        }
    }
}
