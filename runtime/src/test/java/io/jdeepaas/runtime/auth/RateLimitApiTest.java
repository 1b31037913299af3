package io.jdeepaas.runtime.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.config.SecurityConfig;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RateLimitApiTest {

    @Test
    void aCallerPastItsPredictAllowanceGets429WithRetryAfterWhileReadingGoesOn() {
        SecurityConfig open = new SecurityConfig(List.of(), Set.of(), new RoleMapping("", List.of(), Set.of()), true,
                EnumSet.of(Role.READ, Role.PREDICT), Access.PUBLIC, false, List.of(), null, null,
                new CallerLimits.Settings(3, 0));
        try (TestRuntime runtime = TestRuntime.start(c -> c.auth(open), "demo")) {
            List<Integer> statuses = new ArrayList<>();
            TestRuntime.Answer last = null;
            for (int i = 0; i < 5; i++) {
                last = runtime.postJson("/v2/models/demo/predict/", Map.of("text", "hi"));
                statuses.add(last.status());
            }

            assertThat(statuses).containsExactly(200, 200, 200, 429, 429);
            assertThat(Integer.parseInt(last.header("Retry-After"))).isBetween(1, 60);
            assertThat(last.json().path("message").asText()).startsWith("you may predict at most 3 times a minute");
            assertThat(runtime.get("/v2/models/demo").status()).isEqualTo(200);
        }
    }
}
