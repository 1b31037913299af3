package io.jdeepaas.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.SecurityConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Request;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files, and CORS for browser pages of allowed origins only. */
class TransportApiTest {

    @TempDir
    Path folder;

    @Test
    void withAPemCertificateAndKeyTheServerSpeaksHttpsOnly() throws Exception {
        SelfSignedPem pem = SelfSignedPem.writeInto(folder);
        Path cert = pem.cert();
        Path key = pem.key();

        try (TestRuntime runtime = TestRuntime.start(c -> c.auth(SecurityConfig.off().withTransport(List.of(), cert,
                key)), "demo")) {
            HttpClient trusting = pem.trustingClient();
            String url = "https://127.0.0.1:" + runtime.server().port() + "/v2/health/ready";

            HttpResponse<String> answer = trusting.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.sslSession()).isPresent();
            HttpClient strict = HttpClient.newHttpClient();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> strict.send(HttpRequest.newBuilder(URI.create(url))
                    .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void aPreflightFromAnAllowedOriginIsAnsweredAndOtherOriginsGetNoCorsHeaders() {
        try (TestRuntime runtime = TestRuntime.start(c -> c.auth(SecurityConfig.off().withTransport(
                List.of("https://dashboard.example.org"), null, null)), "demo")) {
            TestRuntime.Answer allowed = runtime.send(new Request.Builder().url(runtime.url("/v2/models/demo/predict/"))
                    .method("OPTIONS", null).header("Origin", "https://dashboard.example.org")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type").build());
            TestRuntime.Answer other = runtime.send(new Request.Builder().url(runtime.url("/v2/models/"))
                    .header("Origin", "https://evil.example.com").build());
            TestRuntime.Answer simple = runtime.send(new Request.Builder().url(runtime.url("/v2/models/"))
                    .header("Origin", "https://dashboard.example.org").build());

            assertThat(allowed.status()).isEqualTo(200);
            assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo("https://dashboard.example.org");
            assertThat(allowed.header("Access-Control-Allow-Headers")).containsIgnoringCase("authorization");
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
            assertThat(simple.header("Access-Control-Allow-Origin")).isEqualTo("https://dashboard.example.org");
        }
    }

    @Test
    void withoutCorsOriginsNoPageElsewhereMayCallTheApi() {
        try (TestRuntime runtime = TestRuntime.start("demo")) {
            TestRuntime.Answer answer = runtime.send(new Request.Builder().url(runtime.url("/v2/models/"))
                    .header("Origin", "https://dashboard.example.org").build());
            assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
        }
    }
}
