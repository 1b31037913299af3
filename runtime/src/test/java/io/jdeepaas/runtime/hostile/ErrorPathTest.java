package io.jdeepaas.runtime.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every failure, Jetty's own included, answers the route family's JSON shape with a message a user
 * can act on, never a class name or a stack trace, and never an empty {@code text/plain} 500.
 */
class ErrorPathTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = Hostile.start();
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    private static RawHttp.Answer raw(String request) throws Exception {
        try (RawHttp http = new RawHttp(runtime.server().port())) {
            return http.send(request).read();
        }
    }

    @Test
    void aStalledUploadAnswers408InJsonWithoutClassNames() throws Exception {
        try (RawHttp http = new RawHttp(runtime.server().port())) {
            http.send(RawHttp.head("POST", "/v2/models/identity/infer", "Content-Type: application/json",
                    "Content-Length: 5000") + "{\"inputs\": [");
            long start = System.nanoTime();
            RawHttp.Answer answer = http.read(); // the client sends nothing more
            assertThat(answer.status()).as(answer.text()).isEqualTo(408);
            assertThat(Hostile.message(answer.json(), "error")).contains("--idle-timeout");
            assertThat((System.nanoTime() - start) / 1e9).as("seconds until the 408").isLessThan(10);
        }
        try (RawHttp http = new RawHttp(runtime.server().port())) {
            http.send(RawHttp.head("POST", "/v2/models/demo/predict/", "Content-Type: multipart/form-data; boundary=b",
                    "Transfer-Encoding: chunked") + new String(RawHttp.chunk(("--b\r\nContent-Disposition: form-data;"
                    + " name=\"attachment\"; filename=\"f.bin\"\r\n\r\nsome bytes").getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.ISO_8859_1));
            RawHttp.Answer answer = http.read();
            assertThat(answer.status()).as(answer.text()).isEqualTo(408);
            Hostile.message(answer.json(), "message");
        }
    }

    @Test
    void aBrokenChunkSizeAnswers400InJson() throws Exception {
        for (String size : new String[] {"zz", "10000000000000000"}) { // not hex; 2^64
            RawHttp.Answer answer = raw(RawHttp.head("POST", "/v2/models/identity/infer", "Content-Type: application/json",
                    "Transfer-Encoding: chunked") + size + "\r\n{}\r\n0\r\n\r\n");
            assertThat(answer.status()).as(size + ": " + answer.text()).isEqualTo(400);
            assertThat(answer.header("Content-Type")).startsWith("application/json");
            assertThat(Hostile.message(answer.json(), "error")).contains("chunk");
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthAnswers400InJson() throws Exception {
        try (RawHttp http = new RawHttp(runtime.server().port())) {
            http.send(RawHttp.head("POST", "/v2/models/demo/predict/", "Content-Type: application/json",
                    "Content-Length: 100") + "{\"text\": \"h");
            http.endOfStream();
            RawHttp.Answer answer = http.read();
            assertThat(answer.status()).as(answer.text()).isEqualTo(400);
            assertThat(Hostile.message(answer.json(), "message")).contains("Content-Length");
        }
    }

    @Test
    void headersTooLargeAnswer431InJson() throws Exception {
        RawHttp.Answer answer = raw(RawHttp.head("GET", "/v2/models/", "X-Big: " + "a".repeat(20_000)));
        assertThat(answer.status()).isEqualTo(431);
        assertThat(Hostile.message(answer.json(), "message")).contains("headers");
        RawHttp.Answer oip = raw(RawHttp.head("GET", "/v2/health/ready", "X-Big: " + "a".repeat(20_000)));
        assertThat(oip.status()).isEqualTo(431);
        Hostile.message(oip.json(), "error");
    }

    @Test
    void anUnknownMethodIsNamedAsItWasSent() throws Exception {
        RawHttp.Answer answer = raw(RawHttp.head("FOO", "/v2/models/demo/predict/"));
        assertThat(answer.status()).isIn(405, 404, 501);
        assertThat(Hostile.message(answer.json(), "message")).contains("FOO").doesNotContain("INVALID");
        RawHttp.Answer oip = raw(RawHttp.head("FOO", "/v2/models/identity/infer"));
        assertThat(Hostile.message(oip.json(), "error")).contains("FOO").doesNotContain("INVALID");
    }

    @Test
    void aNumberTooLargeToBeFiniteIsAClear422() {
        TestRuntime.Answer integer = runtime.post("/v2/models/demo/predict/", okhttp3.RequestBody.create(
                "{\"text\":\"x\",\"number\":1e400}", okhttp3.MediaType.get("application/json")));
        assertThat(integer.status()).as(integer.text()).isEqualTo(422);
        assertThat(integer.json().at("/errors/number/0").asText()).contains("finite").doesNotContain("Character");
        TestRuntime.Answer number = runtime.post("/v2/models/demo/predict/", okhttp3.RequestBody.create(
                "{\"text\":\"x\",\"ratio\":-1e400}", okhttp3.MediaType.get("application/json")));
        assertThat(number.status()).isEqualTo(422);
        assertThat(number.json().at("/errors/ratio/0").asText()).contains("finite");
        TestRuntime.Answer query = runtime.post("/v2/models/demo/predict/?text=x&ratio=1e400",
                okhttp3.RequestBody.create(new byte[0], null));
        assertThat(query.status()).isEqualTo(422);
        assertThat(query.json().at("/errors/ratio/0").asText()).contains("finite");
        TestRuntime.Answer huge = runtime.post("/v2/models/demo/predict/", okhttp3.RequestBody.create(
                "{\"text\":\"x\",\"number\":1e30}", okhttp3.MediaType.get("application/json")));
        assertThat(huge.status()).as(huge.text()).isEqualTo(422);
        assertThat(huge.json().at("/errors/number/0").asText()).contains("64 bits");
    }

    @Test
    void aMalformedPercentEscapeIs400NotADroppedArgument() throws Exception {
        RawHttp.Answer query = raw(RawHttp.head("POST", "/v2/models/demo/predict/?text=a%", "Content-Length: 0"));
        assertThat(query.status()).as(query.text()).isEqualTo(400);
        assertThat(Hostile.message(query.json(), "message")).contains("%25");
        RawHttp.Answer form = raw(RawHttp.head("POST", "/v2/models/demo/predict/",
                "Content-Type: application/x-www-form-urlencoded", "Content-Length: 9") + "text=a%zz");
        assertThat(form.status()).as(form.text()).isEqualTo(400);
        Hostile.message(form.json(), "message");
    }

    @Test
    void overlongUtf8Is400InTheQueryTheFormAndJson() throws Exception {
        RawHttp.Answer query = raw(RawHttp.head("POST", "/v2/models/demo/predict/?text=%C0%AF", "Content-Length: 0"));
        assertThat(query.status()).as(query.text()).isEqualTo(400);
        assertThat(Hostile.message(query.json(), "message")).contains("UTF-8");
        RawHttp.Answer form = raw(RawHttp.head("POST", "/v2/models/demo/predict/",
                "Content-Type: application/x-www-form-urlencoded", "Content-Length: 11") + "text=%C0%AF");
        assertThat(form.status()).as(form.text()).isEqualTo(400);
        byte[] json = "{\"text\":\"..\"}".getBytes(StandardCharsets.ISO_8859_1);
        json[9] = (byte) 0xC0;
        json[10] = (byte) 0xAF;
        for (String path : new String[] {"/v2/models/demo/predict/", "/v2/models/identity/infer"}) {
            try (RawHttp http = new RawHttp(runtime.server().port())) {
                http.send(RawHttp.head("POST", path, "Content-Type: application/json", "Content-Length: " + json.length));
                RawHttp.Answer answer = http.send(json).read();
                assertThat(answer.status()).as(path + ": " + answer.text()).isEqualTo(400);
                assertThat(answer.text()).contains("UTF-8");
            }
        }
    }

    @Test
    void inferRefusesATextPlainBodyWith415AsPredictDoes() throws Exception {
        for (String path : new String[] {"/v2/models/identity/infer", "/v2/models/demo/predict/"}) {
            RawHttp.Answer answer = raw(RawHttp.head("POST", path, "Content-Type: text/plain",
                    "Content-Length: " + Hostile.inferBody().length()) + Hostile.inferBody());
            assertThat(answer.status()).as(path).isEqualTo(415);
            assertThat(answer.text()).contains("application/json");
        }
    }

    @Test
    void anEmptyOrNonObjectJsonBodyIs400AndStartsNoTraining() throws Exception {
        for (String body : new String[] {"", "[1]", "\"text\"", "null"}) {
            RawHttp.Answer train = raw(RawHttp.head("POST", "/v2/models/demo/train/", "Content-Type: application/json",
                    "Content-Length: " + body.length()) + body);
            assertThat(train.status()).as("'" + body + "': " + train.text()).isEqualTo(400);
            Hostile.message(train.json(), "message");
            RawHttp.Answer predict = raw(RawHttp.head("POST", "/v2/models/demo/predict/",
                    "Content-Type: application/json", "Content-Length: " + body.length()) + body);
            assertThat(predict.status()).as("'" + body + "': " + predict.text()).isEqualTo(400);
        }
        assertThat(runtime.get("/v2/models/demo/train/").json().size()).as("trainings started").isZero();
    }

    @Test
    void everyPathUnderV2ThatIsNotADeepaasRouteAnswersTheOipShape() {
        Hostile.message(runtime.get("/v2/nothing/here").json(), "error");
        Hostile.message(runtime.get("/v2/models/identity/nothing").json(), "error");
        Hostile.message(runtime.get("/v2/models/nobody/").json(), "message");
        Hostile.message(runtime.get("/v2/models/demo/train/nope").json(), "message");
        Hostile.message(runtime.get("/nothing").json(), "message");
        Hostile.message(runtime.get("/api/nothing.js").json(), "message");
    }
}
