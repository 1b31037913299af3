package io.jdeepaas.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jdeepaas.runtime.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged jar exactly as the README tells a user to, with the example modules on the
 * module path, and the local subcommands; talks to it over real HTTP.
 */
class PackagedRuntimeIT {

    static final Path JAR = Path.of("target", "deepaas-runtime.jar").toAbsolutePath();
    static final Path MODULES = Path.of("..", "modules-example", "target", "modules-example.jar").toAbsolutePath();

    @TempDir
    Path dataDir;

    private Process launch(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaBin(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("process.log").toFile());
        builder.environment().put("DEEPAAS_ENGINE_CACHE", io.jdeepaas.runtime.TestRuntime.ENGINE_CACHE.toString());
        builder.environment().putAll(env);
        return builder.start();
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    @Test
    void theReadmeCommandServesTheExampleModulesFromTheModulePath() throws Exception {
        int port = freePort();
        Process server = launch(Map.of("DEEPAAS_LISTEN_PORT", String.valueOf(port), "DEEPAAS_DATA_DIR", dataDir.toString()),
                "--module-path", MODULES.toString(), "--model-name", "demo");
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            awaitReady(http, base + "/v2/health/ready", server);
            HttpResponse<String> models = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/models/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode list = Json.mapper().readTree(models.body());
            assertThat(list.at("/models/0/name").asText()).isEqualTo("demo");
            assertThat(list.at("/models/0/state").asText()).isEqualTo("ready");
            HttpResponse<String> predict = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/models/demo/predict/"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"from the jar\", \"number\": 9}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(predict.statusCode()).isEqualTo(200);
            assertThat(Json.mapper().readTree(predict.body()).at("/predictions/number").asLong()).isEqualTo(9);
            HttpResponse<String> ui = http.send(HttpRequest.newBuilder(URI.create(base + "/api")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ui.statusCode()).isEqualTo(200);
        } finally {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void thePredictSubcommandRunsAModuleWithoutAServerAndPrintsJson() throws Exception {
        Process cli = launch(Map.of(), "predict", "--module-path", MODULES.toString(), "--model-name", "demo",
                "--data-dir", dataDir.toString(), "--arg", "text=local", "--arg", "numbers=1,2");
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(dataDir.resolve("process.log"), StandardCharsets.UTF_8);
        assertThat(cli.exitValue()).as(output).isZero();
        assertThat(output).contains("\"text\" : \"local\"").contains("\"status\" : \"OK\"");
    }

    @Test
    void theTrainSubcommandRunsATrainingLocallyAndPrintsItsFinalRecord() throws Exception {
        Process cli = launch(Map.of(), "train", "--module-path", MODULES.toString(), "--model-name", "demo",
                "--data-dir", dataDir.toString(), "--arg", "epochs=2", "--arg", "sleep=0.1");
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(dataDir.resolve("process.log"), StandardCharsets.UTF_8);
        assertThat(cli.exitValue()).as(output).isZero();
        assertThat(output).contains("step 2/2").contains("\"status\" : \"done\"").contains("\"final_loss\"");
    }

    @Test
    void theOpenApiSubcommandPrintsTheDocumentOfTheDiscoveredModels() throws Exception {
        Process cli = launch(Map.of(), "openapi", "--yaml", "--module-path", MODULES.toString(), "--model-name", "demo",
                "--data-dir", dataDir.toString());
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(dataDir.resolve("process.log"), StandardCharsets.UTF_8);
        assertThat(cli.exitValue()).as(output).isZero();
        assertThat(output).contains("openapi: 3.0").contains("/v2/models/demo/predict/");
    }

    @Test
    void twoModulesWithTheSameNameAreListedAsFailedNamingBothJars() throws Exception {
        Path copy = Files.copy(MODULES, dataDir.resolve("copy-of-modules.jar"));
        Process cli = launch(Map.of(), "metadata", "--module-path", MODULES + ":" + copy, "--model-name", "demo",
                "--data-dir", dataDir.toString());
        assertThat(cli.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String output = Files.readString(dataDir.resolve("process.log"), StandardCharsets.UTF_8);
        assertThat(output).contains("2 modules are named 'demo'").contains("modules-example.jar")
                .contains("copy-of-modules.jar").contains("io.jdeepaas.examples.demo.DemoModel in ");
        assertThat(output).doesNotContain("\tat ");
    }

    /**
     * Every example module from the module path, on a machine where no engine was ever extracted,
     * with {@code --device cpu} (no GPU probe touches an engine first, from the runtime's own class
     * loader): the engines' natives and versions must be found through the modules' class loaders.
     */
    @Test
    void everyExampleModuleServesFromTheModulePathWithAFreshEngineCache(@TempDir Path engines) throws Exception {
        int port = freePort();
        Process server = launch(Map.of("DEEPAAS_LISTEN_PORT", String.valueOf(port), "DEEPAAS_DATA_DIR", dataDir.toString(),
                "DEEPAAS_ENGINE_CACHE", engines.toString()), "--module-path", MODULES.toString(), "--device", "cpu");
        try {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            awaitReady(http, base + "/v2/health/ready", server);
            JsonNode list = Json.mapper().readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/v2/models/"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            for (JsonNode model : list.path("models")) {
                assertThat(model.path("state").asText()).as(model.path("name").asText() + ": " + model.path("error"))
                        .isEqualTo("ready");
            }
            assertThat(list.path("models").size()).isGreaterThanOrEqualTo(4);
            HttpResponse<String> iris = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/models/iris/predict/"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sepal_length\": 5.1, \"sepal_width\": 3.5,"
                            + " \"petal_length\": 1.4, \"petal_width\": 0.2}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(iris.statusCode()).as(iris.body()).isEqualTo(200);
            assertThat(iris.body()).contains("setosa");
            HttpResponse<String> tf = http.send(HttpRequest.newBuilder(URI.create(base + "/v2/models/tf-iris/infer"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\": [{\"name\": \"input\", \"shape\": [1, 4],"
                            + " \"datatype\": \"FP32\", \"data\": [5.1, 3.5, 1.4, 0.2]}]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(tf.statusCode()).as(tf.body()).isEqualTo(200);
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** HTTPS from PEM files with the packaged jar: its libraries must hold what the PEM reader needs. */
    @Test
    void thePackagedJarServesHttpsFromPemFiles(@TempDir Path certificates) throws Exception {
        io.jdeepaas.runtime.auth.SelfSignedPem pem = io.jdeepaas.runtime.auth.SelfSignedPem.writeInto(certificates);
        int port = freePort();
        Process server = launch(Map.of("DEEPAAS_LISTEN_PORT", String.valueOf(port), "DEEPAAS_DATA_DIR", dataDir.toString()),
                "--module-path", MODULES.toString(), "--model-name", "demo",
                "--tls-cert", pem.cert().toString(), "--tls-key", pem.key().toString());
        try {
            awaitReady(pem.trustingClient(), "https://127.0.0.1:" + port + "/v2/health/ready", server);
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void awaitReady(HttpClient http, String url, Process server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(server.isAlive()).as("the runtime exited").isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the runtime did not become ready");
    }
}
