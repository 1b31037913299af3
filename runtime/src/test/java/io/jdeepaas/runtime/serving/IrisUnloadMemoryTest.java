package io.jdeepaas.runtime.serving;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.metrics.RuntimeGauges;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Unloading iris closes its DJL model and predictors: resident memory stays flat over load/unload cycles. */
class IrisUnloadMemoryTest {

    private static final int WARM_UP_CYCLES = 20;
    private static final int CYCLES = 200;
    private static final long MAX_GROWTH_BYTES = 100L * 1024 * 1024;

    @Test
    void repeatedUnloadAndLoadOfIrisKeepsResidentMemoryBounded() throws Exception {
        try (TestRuntime runtime = TestRuntime.start("iris")) {
            for (int i = 0; i < WARM_UP_CYCLES; i++) {
                cycle(runtime);
            }
            long before = residentAfterGc();
            long start = System.nanoTime();
            for (int i = 0; i < CYCLES; i++) {
                cycle(runtime);
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            long after = residentAfterGc();
            long growth = after - before;
            System.out.printf("iris load/unload: RSS before %d MB, after %d cycles %d MB, growth %d kB"
                    + " (%d kB per cycle), %d s%n", before >> 20, CYCLES, after >> 20, growth >> 10,
                    (growth / CYCLES) >> 10, seconds);
            assertThat(growth).as("RSS growth over %d load/unload cycles (bytes)", CYCLES).isLessThan(MAX_GROWTH_BYTES);
        }
    }

    private static void cycle(TestRuntime runtime) {
        assertThat(runtime.postJson("/v2/repository/models/iris/unload", Map.of()).status()).isEqualTo(200);
        assertThat(runtime.postJson("/v2/repository/models/iris/load", Map.of()).status()).isEqualTo(200);
        TestRuntime.Answer answer = runtime.postJson("/v2/models/iris/predict/",
                Map.of("rows", List.of(5.1, 3.5, 1.4, 0.2, 6.7, 3.0, 5.2, 2.3)));
        assertThat(answer.status()).as(answer.text()).isEqualTo(200);
    }

    private static long residentAfterGc() throws InterruptedException {
        System.gc();
        Thread.sleep(300);
        return RuntimeGauges.procStatus("VmRSS:").orElseThrow();
    }
}
