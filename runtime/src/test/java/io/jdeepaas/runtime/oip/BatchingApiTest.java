package io.jdeepaas.runtime.oip;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.TestRuntime;
import io.jdeepaas.runtime.fixtures.RowwiseTensorModel;
import io.jdeepaas.spi.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Dynamic batching over real HTTP: concurrent requests share calls, and each gets its own rows. */
class BatchingApiTest {

    static TestRuntime runtime;

    @BeforeAll
    static void start() {
        runtime = TestRuntime.start(c -> c.workers(2).settings(Map.of("max-batch-size", "4"))
                .modelSettings(Map.of("rowwise", Map.of("max-batch-size", "16", "max-batch-delay", "40"))),
                "rowwise", "identity");
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    @Test
    void concurrentRequestsAreAnsweredFromSharedCallsEachWithExactlyItsOwnRows() throws Exception {
        RowwiseTensorModel.BATCHES.clear();
        int requests = 48;
        ExecutorService clients = Executors.newFixedThreadPool(requests);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> checks = new ArrayList<>();
        try {
            for (int i = 0; i < requests; i++) {
                int id = i;
                checks.add(clients.submit(() -> {
                    go.await();
                    return inferAndCheck(id);
                }));
            }
            go.countDown();
            for (Future<String> check : checks) {
                assertThat(check.get(60, TimeUnit.SECONDS)).isEqualTo("ok");
            }
        } finally {
            clients.shutdownNow();
        }
        List<Long> batches = List.copyOf(RowwiseTensorModel.BATCHES);
        long rows = 0;
        for (int i = 0; i < requests; i++) {
            rows += 1 + i % 3;
        }
        assertThat(batches.stream().mapToLong(Long::longValue).sum()).isEqualTo(rows);
        assertThat(batches).allMatch(b -> b <= 16);
        assertThat(batches.size()).as("model calls for %s requests: %s", requests, batches).isLessThan(requests / 2);
    }

    /** One request of 1 to 3 rows whose values and labels are its own; checks every output row. */
    private static String inferAndCheck(int id) throws Exception {
        int n = 1 + id % 3;
        float[] x = new float[n * 3];
        String[] labels = new String[n];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < 3; c++) {
                x[r * 3 + c] = id * 100 + r * 10 + c;
            }
            labels[r] = "req" + id + "-row" + r;
        }
        TestRuntime.Answer answer = runtime.postJson("/v2/models/rowwise/infer", InferRequest.of("req-" + id,
                Tensor.fp32("x", new long[] {n, 3}, x), Tensor.strings("label", new long[] {n}, labels)));
        if (answer.status() != 200) {
            return answer.status() + " " + answer.text();
        }
        InferResponse response = OipJson.responses(TestRuntime.JSON).readValue(answer.body());
        float[] doubled = response.output("doubled").floats();
        double[] sums = response.output("sum").doubles();
        String[] upper = response.output("upper").strings();
        if (!("req-" + id).equals(response.id()) || doubled.length != n * 3 || sums.length != n || upper.length != n) {
            return "request " + id + " got " + answer.text();
        }
        for (int r = 0; r < n; r++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                sum += x[r * 3 + c];
                if (doubled[r * 3 + c] != 2 * x[r * 3 + c]) {
                    return "request " + id + " row " + r + " got doubled " + doubled[r * 3 + c];
                }
            }
            if (sums[r] != sum || !upper[r].equals(labels[r].toUpperCase())) {
                return "request " + id + " row " + r + " got " + sums[r] + " " + upper[r];
            }
        }
        return "ok";
    }
}
