package io.jdeepaas.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.TestRuntime;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local subcommands as a person meets them: a mistake is one line on standard error with exit
 * code 2 (a stack trace only with {@code --debug}), {@code train} shows its progress and the
 * module's log lines, and {@code metadata} shows the warmed model with its arguments.
 */
class CommandLineForPeopleTest {

    @TempDir
    Path dataDir;

    /** What one run of the command line printed, and its exit code. */
    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString(), "--engine-cache", TestRuntime.ENGINE_CACHE.toString(),
                "--device", "cpu"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setOut(o);
            System.setErr(e);
            String[] arguments = all.toArray(String[]::new);
            var cli = Main.commandLine(arguments);
            cli.setErr(new PrintWriter(e, true));
            cli.setOut(new PrintWriter(o, true));
            int exit = cli.execute(arguments);
            return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void theHelpListsEverySubcommand() {
        Run run = run("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("predict", "train", "metadata", "openapi", "keys", "versions", "prepare-engines");
    }

    @Test
    void aMistypedSubcommandGetsASuggestion() {
        Run run = run("predcit", "--model-name", "echo");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("predcit").contains("Did you mean").contains("predict");
    }

    @Test
    void anInvalidArgumentIsOneLineAndExitCodeTwo() {
        Run run = run("predict", "--model-name", "echo", "--arg", "text=hi", "--arg", "times=1,2");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).startsWith("error: invalid arguments: times").contains("whole number")
                .doesNotContain("\tat ", "Exception");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void debugShowsTheStackTrace() {
        Run run = run("predict", "--model-name", "echo", "--arg", "text=hi", "--arg", "times=1,2", "--debug");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("error: invalid arguments: times").contains("\tat ");
    }

    @Test
    void anUnknownModelIsOneLine() {
        Run run = run("predict", "--model-name", "no-such-model", "--arg", "text=hi");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("no-such-model");
    }

    @Test
    void aModuleFailureIsOneLineWithExitCodeOneAndAHint() {
        Run run = run("predict", "--model-name", "echo", "--arg", "text=crash");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("error: model 'echo' failed to predict: the echo chamber collapsed")
                .contains("--debug").doesNotContain("\tat ");
    }

    @Test
    void trainShowsProgressAndTheModulesLogLines() throws Exception {
        Run run = run("train", "--model-name", "demo", "--arg", "epochs=2", "--arg", "sleep=0.1");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("epoch 1/2 loss=", "epoch 2/2 loss=", "step 2/2");
        assertThat(run.err()).doesNotContain("step 0/0");
        JsonNode record = TestRuntime.JSON.readTree(run.out());
        assertThat(record.path("status").asText()).isEqualTo("done");
    }

    @Test
    void metadataShowsTheWarmedModelWithItsArguments() throws Exception {
        Run run = run("metadata", "--model-name", "echo");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode echo = TestRuntime.JSON.readTree(run.out()).at("/models/0");
        assertThat(echo.path("state").asText()).isEqualTo("ready");
        assertThat(echo.path("device").asText()).isEqualTo("cpu");
        JsonNode times = echo.path("predict_arguments").get(1);
        assertThat(times.path("name").asText()).isEqualTo("times");
        assertThat(times.path("type").asText()).isEqualTo("integer");
        assertThat(times.path("default").asLong()).isEqualTo(1);
        assertThat(times.path("maximum").asDouble()).isEqualTo(10.0);
    }
}
