package io.jdeepaas.archetype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jdeepaas.testkit.RuntimeClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the README promises a module author: from an empty folder, {@code archetype:generate}, a build
 * with Maven offline that runs the generated tests, and the runtime jar serving the module's predict
 * over HTTP. The build sees only this build's jars of jDEEPaaS, as on a fresh machine.
 */
class ArchetypeIT {

    private static final Path ROOT = Path.of(System.getProperty("jdeepaas.root", "..")).toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("jdeepaas.version", "0.1.0-SNAPSHOT");

    @TempDir
    Path temp;

    @Test
    void aGeneratedModuleBuildsPassesItsTestsAndIsServed() throws Exception {
        Path settings = freshRepository().settings(temp.resolve("settings.xml"));
        Path work = Files.createDirectories(temp.resolve("work"));

        long start = System.nanoTime();
        MavenRun.run(work, temp.resolve("generate.log"), "-B", "-o", "-s", settings.toString(),
                "org.apache.maven.plugins:maven-archetype-plugin:" + System.getProperty("archetype.version")
                        + ":generate", "-DinteractiveMode=false", "-DarchetypeGroupId=io.jdeepaas",
                "-DarchetypeArtifactId=module-archetype", "-DarchetypeVersion=" + VERSION,
                "-DgroupId=org.example", "-DartifactId=line", "-Dversion=1.0", "-Dpackage=org.example.line");
        long generated = System.nanoTime();
        Path project = work.resolve("line");
        assertThat(project.resolve("src/main/java/org/example/line/LineModel.java")).exists();
        assertThat(Files.readString(project.resolve("src/main/resources/META-INF/services/io.jdeepaas.spi.ModelEntryPoint")))
                .isEqualTo("org.example.line.LineModel\n");

        String build = MavenRun.run(project, temp.resolve("build.log"), "-B", "-o", "-s", settings.toString(), "package");
        long built = System.nanoTime();
        assertThat(build).contains("Tests run: 7, Failures: 0, Errors: 0, Skipped: 0");
        assertThat(build).contains("Running org.example.line.LineModelServedTest");
        Path jar = project.resolve("target/line.jar");
        assertThat(jar).exists();

        int port = freePort();
        Path log = temp.resolve("runtime.log");
        ProcessBuilder runtime = new ProcessBuilder(List.of(javaBinary(), "-jar",
                ROOT.resolve("runtime/target/deepaas-runtime.jar").toString(), "--module-path", jar.toString(),
                "--listen-port", String.valueOf(port), "--data-dir", temp.resolve("data").toString(),
                "--engine-cache", temp.resolve("engines").toString())).redirectErrorStream(true).redirectOutput(log.toFile());
        runtime.environment().keySet().removeIf(k -> k.startsWith("DEEPAAS_"));
        Process served = runtime.start();
        try {
            RuntimeClient client = RuntimeClient.connect("http://127.0.0.1:" + port);
            awaitReady(client, served, log);
            RuntimeClient.Answer answer = client.predict("line", Map.of("x", 4));
            long predicted = System.nanoTime();
            assertThat(answer.status()).as(answer.text()).isEqualTo(200);
            assertThat(answer.json().at("/predictions/y").asDouble()).isEqualTo(4.0);

            System.out.printf("archetype:generate to a served predict: %.1f s (generate %.1f s, mvn package with"
                            + " the generated tests %.1f s, runtime start to the predict's answer %.1f s)%n",
                    seconds(predicted - start), seconds(generated - start), seconds(built - generated),
                    seconds(predicted - built));

            var started = client.train("line", Map.of("epochs", 800));
            var done = client.follow("line", started.path("uuid").asText(), Duration.ofSeconds(60));
            assertThat(done.path("status").asText()).isEqualTo("done");
            assertThat(client.predict("line", Map.of("x", 10)).json().at("/predictions/y").asDouble())
                    .isCloseTo(32.0, within(0.5));
        } finally {
            served.destroy();
            served.waitFor();
        }
        assertThat(temp.resolve("engines")).satisfiesAnyOf(
                engines -> assertThat(engines).doesNotExist(), engines -> assertThat(engines).isEmptyDirectory());
    }

    private FreshLocalRepository freshRepository() throws IOException {
        Path user = Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
        return FreshLocalRepository.linkedTo(temp.resolve("repository"), user, VERSION)
                .put("jdeepaas-parent", ROOT.resolve("pom.xml"), null)
                .put("entrypoint-spi", ROOT.resolve("entrypoint-spi/pom.xml"),
                        ROOT.resolve("entrypoint-spi/target/entrypoint-spi-" + VERSION + ".jar"))
                .put("runtime", ROOT.resolve("runtime/pom.xml"), ROOT.resolve("runtime/target/deepaas-runtime.jar"))
                .put("module-testkit", ROOT.resolve("module-testkit/pom.xml"),
                        ROOT.resolve("module-testkit/target/module-testkit-" + VERSION + ".jar"))
                .put("module-archetype", ROOT.resolve("module-archetype/pom.xml"),
                        ROOT.resolve("module-archetype/target/module-archetype-" + VERSION + ".jar"));
    }

    private static void awaitReady(RuntimeClient client, Process served, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            if (!served.isAlive()) {
                throw new AssertionError("the runtime exited with " + served.exitValue() + ":\n" + MavenRun.tail(log));
            }
            try {
                if (client.get("/v2/models/line/").json().path("state").asText().equals("ready")) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // the runtime is starting
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the model was not ready within 2 minutes:\n" + MavenRun.tail(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
