package io.jdeepaas.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jdeepaas.runtime.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code versions list|show|promote|unalias|delete|upload}: a model's versions and aliases, through a
 * running server's {@code /v2/models/{name}/versions} and {@code /aliases} routes (a promote must
 * reach the server that serves the model, so these do not open the database themselves). Prints the
 * server's JSON answer; an error answer is printed to stderr with exit code 2.
 */
@Command(name = "versions", mixinStandardHelpOptions = true,
        description = "Lists, promotes, aliases, deletes and uploads model versions on a running server.",
        subcommands = {VersionsCommand.ListVersions.class, VersionsCommand.Show.class, VersionsCommand.Promote.class,
                VersionsCommand.Unalias.class, VersionsCommand.Delete.class, VersionsCommand.Upload.class})
final class VersionsCommand {

    private VersionsCommand() {
    }

    /** Where the server is and how to prove who we are. */
    static final class Server {
        @Option(names = "--url", defaultValue = "http://127.0.0.1:5000",
                description = "The running server, with its base path (default: ${DEFAULT-VALUE}).")
        String url;

        @Option(names = "--api-key", description = "An API key to send (X-API-Key).")
        String apiKey;

        @Option(names = "--token", description = "A bearer token to send (Authorization: Bearer).")
        String token;

        private static final ObjectMapper JSON = Json.mapper();
        // made when a command sends, not when picocli builds the command line: its TLS set-up costs start-up time
        private HttpClient http;

        private HttpClient client() {
            if (http == null) {
                http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            }
            return http;
        }

        int send(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + path))
                    .timeout(Duration.ofMinutes(10)).method(method, body);
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (apiKey != null) {
                request.header("X-API-Key", apiKey);
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> answer;
            try {
                answer = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                System.err.println("error: cannot reach " + url + ": " + e.getMessage());
                return 3;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
            String text = pretty(answer.body());
            if (answer.statusCode() / 100 != 2) {
                System.err.println("error: " + answer.statusCode() + " " + message(answer.body()));
                return 2;
            }
            System.out.println(text);
            return 0;
        }

        int get(String path) {
            return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
        }

        private static String pretty(String body) {
            try {
                return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(JSON.readTree(body));
            } catch (IOException e) {
                return body;
            }
        }

        private static String message(String body) {
            try {
                JsonNode tree = JSON.readTree(body);
                return tree.has("error") ? tree.path("error").asText() : tree.path("message").asText(body);
            } catch (IOException e) {
                return body;
            }
        }
    }

    /**
     * @param name a model's name
     * @param segments what follows it, e.g. {@code "aliases", alias}
     * @return the route's path, each part percent-encoded
     */
    static String model(String name, String... segments) {
        StringBuilder path = new StringBuilder("/v2/models/").append(encode(name));
        for (String segment : segments) {
            path.append('/').append(encode(segment));
        }
        return path.toString();
    }

    /** @return a path segment or query value, percent-encoded (a space as {@code %20}) */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Lists a model's versions and aliases.")
    static final class ListVersions implements Callable<Integer> {
        @Mixin
        Server server = new Server();

        @Parameters(paramLabel = "MODEL")
        String name;

        @Override
        public Integer call() {
            return server.get(model(name, "versions"));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Shows one version (or alias) and its lineage.")
    static final class Show implements Callable<Integer> {
        @Mixin
        Server server = new Server();

        @Parameters(index = "0", paramLabel = "MODEL")
        String name;

        @Parameters(index = "1", paramLabel = "VERSION")
        String version;

        @Override
        public Integer call() {
            return server.get(model(name, "versions", version));
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Points an alias (production by default) at a version; production swaps once it is warm.")
    static final class Promote implements Callable<Integer> {
        @Mixin
        Server server = new Server();

        @Parameters(index = "0", paramLabel = "MODEL")
        String name;

        @Parameters(index = "1", paramLabel = "VERSION")
        String version;

        @Option(names = "--alias", defaultValue = "production", description = "The alias to move (default: ${DEFAULT-VALUE}).")
        String alias;

        @Override
        public Integer call() throws IOException {
            String body = Server.JSON.writeValueAsString(java.util.Map.of("version", version));
            return server.send("PUT", model(name, "aliases", alias),
                    HttpRequest.BodyPublishers.ofString(body), "application/json");
        }
    }

    @Command(name = "unalias", mixinStandardHelpOptions = true, description = "Removes an alias (not production).")
    static final class Unalias implements Callable<Integer> {
        @Mixin
        Server server = new Server();

        @Parameters(index = "0", paramLabel = "MODEL")
        String name;

        @Parameters(index = "1", paramLabel = "ALIAS")
        String alias;

        @Override
        public Integer call() {
            return server.send("DELETE", model(name, "aliases", alias),
                    HttpRequest.BodyPublishers.noBody(), null);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Deletes a version no alias points at.")
    static final class Delete implements Callable<Integer> {
        @Mixin
        Server server = new Server();

        @Parameters(index = "0", paramLabel = "MODEL")
        String name;

        @Parameters(index = "1", paramLabel = "VERSION")
        String version;

        @Override
        public Integer call() {
            return server.send("DELETE", model(name, "versions", version),
                    HttpRequest.BodyPublishers.noBody(), null);
        }
    }

    @Command(name = "upload", mixinStandardHelpOptions = true,
            description = "Registers a file, or a zip of a folder, as a new version of a model.")
    static final class Upload implements Callable<Integer> {
        @Mixin
        Server server = new Server();

        @Parameters(index = "0", paramLabel = "MODEL")
        String name;

        @Parameters(index = "1", paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            String fileName = file.getFileName().toString();
            return server.send("POST", model(name, "versions") + "?filename=" + encode(fileName),
                    HttpRequest.BodyPublishers.ofFile(file), "application/octet-stream");
        }
    }
}
