package io.jdeepaas.bench;

import io.jdeepaas.runtime.Server;
import io.jdeepaas.runtime.config.RuntimeConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** The HTTP half of the engines bench: the same predictions through the real server on loopback. */
final class HttpBench {

    private static final String FLOWER =
            "{\"sepal_length\": 6.7, \"sepal_width\": 3.0, \"petal_length\": 5.2, \"petal_width\": 2.3}";

    private HttpBench() {
    }

    static void run(Path dataDir, Path engineCache, int calls, byte[] png) throws Exception {
        RuntimeConfig config = RuntimeConfig.builder(dataDir).listenPort(0).device("cpu").engineCacheDir(engineCache)
                .modelNames(Set.of("iris", "tf-iris", "digits")).build();
        try (Server server = Server.start(config)) {
            server.awaitWarm(Duration.ofMinutes(5));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = "http://127.0.0.1:" + server.port() + "/v2/models/";
            for (String model : new String[] {"iris", "tf-iris"}) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + model + "/predict/"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(FLOWER)).build();
                EnginesBench.time(model, "http", "1 flower", () -> ok(http, request), 1, calls);
            }
            String boundary = "jdeepaasbench";
            byte[] body = multipart(boundary, png);
            HttpRequest digits = HttpRequest.newBuilder(URI.create(base + "digits/predict/"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            EnginesBench.time("digits", "http", "1 PNG 64x64", () -> ok(http, digits), 1, calls / 5);
        }
    }

    private static String ok(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static byte[] multipart(String boundary, byte[] png) {
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"seven.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        String tail = "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"top_k\"\r\n\r\n3\r\n--"
                + boundary + "--\r\n";
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[h.length + png.length + t.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(png, 0, all, h.length, png.length);
        System.arraycopy(t, 0, all, h.length + png.length, t.length);
        return all;
    }
}
