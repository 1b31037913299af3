package io.jdeepaas.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.SecurityConfig;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import okhttp3.Request;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPS from PEM files, and CORS for browser pages of allowed origins only. */
class TransportApiTest {

    @TempDir
    Path folder;

    @Test
    void withAPemCertificateAndKeyTheServerSpeaksHttpsOnly() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Instant now = Instant.now();
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                new JcaX509v3CertificateBuilder(new X500Name("CN=localhost"), BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                        new X500Name("CN=localhost"), pair.getPublic())
                        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                            new GeneralName(GeneralName.dNSName, "localhost")}))
                        .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        Path cert = folder.resolve("cert.pem");
        Path key = folder.resolve("key.pem");
        Files.writeString(cert, pem(certificate));
        Files.writeString(key, pem(pair.getPrivate()));

        try (TestRuntime runtime = TestRuntime.start(c -> c.auth(SecurityConfig.off().withTransport(List.of(), cert,
                key)), "demo")) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert))));
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            HttpClient trusting = HttpClient.newBuilder().sslContext(context).build();
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

    private static String pem(Object value) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(value);
        }
        return text.toString();
    }
}
