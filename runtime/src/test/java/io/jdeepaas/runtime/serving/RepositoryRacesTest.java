package io.jdeepaas.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Loads and unloads of one model asked at the same time: each answers once it has happened, with the
 * state it asked for (a load {@code READY}, an unload {@code UNAVAILABLE}), never one in between.
 */
class RepositoryRacesTest {

    private static final int CALLS = 48;

    @Test
    void concurrentLoadsAndUnloadsEachAnswerTheStateTheyAskedFor() throws Exception {
        try (TestRuntime runtime = TestRuntime.start("napping")) {
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                String action = i % 2 == 0 ? "unload" : "load";
                answers.add(clients.submit(() -> {
                    TestRuntime.Answer a = runtime.postJson("/v2/repository/models/napping/" + action, Map.of());
                    return action + " " + a.status() + " " + a.json().path("state").asText();
                }));
            }
            List<String> seen = new ArrayList<>();
            for (Future<String> answer : answers) {
                seen.add(answer.get());
            }
            clients.shutdown();

            assertThat(seen).as("every answer").allMatch(a -> a.equals("load 200 READY")
                    || a.equals("unload 200 UNAVAILABLE"));
            assertThat(runtime.postJson("/v2/repository/models/napping/load", Map.of()).json().path("state").asText())
                    .isEqualTo("READY");
            TestRuntime.Answer predicted = runtime.postJson("/v2/models/napping/predict/", Map.of());
            assertThat(predicted.status()).as(predicted.text()).isEqualTo(200);
        }
    }
}
