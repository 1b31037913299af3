package io.jdeepaas.runtime.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.config.BatchSettings;
import io.jdeepaas.runtime.errors.ApiException;
import io.jdeepaas.runtime.errors.BadRequestException;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ReadyHandles;
import io.jdeepaas.spi.BadInputException;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelMetadata;
import io.jdeepaas.spi.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The inference service's batching, with an in-test model that records the rows of every call. */
class DynamicBatchingTest {

    /** Answers {@code y = 10 * x + 1} per element, for INT64 rows of any width; records its calls. */
    static final class Recorder implements ModelEntryPoint {
        final Queue<Long> batches = new ConcurrentLinkedQueue<>();
        final boolean batchable;
        final long sleepMs;
        volatile CountDownLatch gate;

        Recorder(boolean batchable, long sleepMs) {
            this.batchable = batchable;
            this.sleepMs = sleepMs;
        }

        @Override
        public String name() {
            return "recorder";
        }

        @Override
        public ModelMetadata metadata() {
            return ModelMetadata.describe("records batch sizes");
        }

        @Override
        public boolean batchable() {
            return batchable;
        }

        @Override
        public List<Tensor> infer(List<Tensor> inputs) throws Exception {
            CountDownLatch g = gate;
            if (g != null) {
                g.await();
            }
            Tensor x = inputs.get(0);
            batches.add(x.rows());
            long[] in = x.longs();
            if (Arrays.stream(in).anyMatch(v -> v < 0)) {
                throw new BadInputException("negative values are not allowed");
            }
            long[] out = new long[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = 10 * in[i] + 1;
            }
            Thread.sleep(sleepMs);
            return List.of(Tensor.int64("y", x.shape(), out));
        }
    }

    private InferenceService service;
    private final ExecutorService clients = Executors.newFixedThreadPool(40);

    @AfterEach
    void stop() {
        clients.shutdownNow();
        if (service != null) {
            service.close();
        }
    }

    private ModelHandle start(Recorder model, int workers, int queue, Duration timeout, BatchSettings batching) {
        service = new InferenceService(workers, queue, timeout, name -> batching);
        return ReadyHandles.of(model); // the service keeps a model entered while it runs
    }

    private static Tensor rows(long first, int rows, int width) {
        long[] data = new long[rows * width];
        for (int i = 0; i < data.length; i++) {
            data[i] = first + i;
        }
        return Tensor.int64("x", new long[] {rows, width}, data);
    }

    @Test
    void concurrentRequestsAreStackedAndEachCallerGetsExactlyItsOwnRows() throws Exception {
        Recorder model = new Recorder(true, 30);
        ModelHandle handle = start(model, 2, 64, Duration.ofSeconds(10), new BatchSettings(8, Duration.ofMillis(50)));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            long first = i * 1000L;
            int n = 1 + i % 3; // 1, 2 or 3 rows
            answers.add(clients.submit(() -> {
                go.await();
                Tensor x = rows(first, n, 2);
                Tensor y = service.infer(handle, List.of(x)).get(0);
                long[] expected = Arrays.stream(x.longs()).map(v -> 10 * v + 1).toArray();
                return Arrays.equals(y.longs(), expected) && y.shape()[0] == n && y.shape()[1] == 2;
            }));
        }
        go.countDown();
        for (Future<Boolean> answer : answers) {
            assertThat(answer.get(20, TimeUnit.SECONDS)).isTrue();
        }
        long total = answers.size() / 3 * 6 + 1 + 2; // 10 of each size, plus a 1 and a 2
        assertThat(model.batches.stream().mapToLong(Long::longValue).sum()).isEqualTo(total);
        assertThat(model.batches).allMatch(rows -> rows <= 8);
        assertThat(model.batches.size()).as("calls for 32 requests: %s", model.batches).isLessThanOrEqualTo(16);
        assertThat(model.batches).anyMatch(rows -> rows >= 4);
    }

    @Test
    void requestsWhoseOtherDimensionsDifferAreNeverStackedTogether() throws Exception {
        Recorder model = new Recorder(true, 20);
        ModelHandle handle = start(model, 1, 64, Duration.ofSeconds(10), new BatchSettings(16, Duration.ofMillis(50)));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int width = 1 + i % 2;
            long first = i * 100L;
            answers.add(clients.submit(() -> {
                go.await();
                Tensor y = service.infer(handle, List.of(rows(first, 1, width))).get(0);
                return y.shape()[1] == width && y.longs()[0] == 10 * first + 1;
            }));
        }
        go.countDown();
        for (Future<Boolean> answer : answers) {
            assertThat(answer.get(20, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(model.batches.stream().mapToLong(Long::longValue).sum()).isEqualTo(12);
    }

    @Test
    void aModelThatIsNotBatchableIsCalledOncePerRequest() throws Exception {
        Recorder model = new Recorder(false, 5);
        ModelHandle handle = start(model, 2, 64, Duration.ofSeconds(10), new BatchSettings(8, Duration.ofMillis(20)));
        List<Future<List<Tensor>>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(clients.submit(() -> service.infer(handle, List.of(rows(1, 2, 1)))));
        }
        for (Future<List<Tensor>> answer : answers) {
            answer.get(20, TimeUnit.SECONDS);
        }
        assertThat(model.batches).hasSize(10).containsOnly(2L);
    }

    @Test
    void aBadRequestInABatchFailsAloneAndTheOthersAreAnswered() throws Exception {
        Recorder model = new Recorder(true, 10);
        ModelHandle handle = start(model, 1, 64, Duration.ofSeconds(10), new BatchSettings(8, Duration.ofMillis(100)));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object>> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            long first = i == 3 ? -5 : i;
            answers.add(clients.submit(() -> {
                go.await();
                try {
                    return service.infer(handle, List.of(rows(first, 1, 1))).get(0).longs()[0];
                } catch (ApiException e) {
                    return e;
                }
            }));
        }
        go.countDown();
        for (int i = 0; i < 6; i++) {
            Object answer = answers.get(i).get(20, TimeUnit.SECONDS);
            if (i == 3) {
                assertThat(answer).isInstanceOf(BadRequestException.class);
                assertThat(((ApiException) answer).getMessage()).isEqualTo("negative values are not allowed");
            } else {
                assertThat(answer).isEqualTo(10L * i + 1);
            }
        }
    }

    @Test
    void aFullQueueIsRefusedAtOnceWith429AndTimeoutsAre504() throws Exception {
        Recorder model = new Recorder(true, 0);
        model.gate = new CountDownLatch(1);
        ModelHandle handle = start(model, 1, 2, Duration.ofMillis(300), new BatchSettings(1, Duration.ZERO));
        List<Future<Object>> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // one running (held at the gate), two queued
            waiting.add(clients.submit(() -> {
                try {
                    return service.infer(handle, List.of(rows(1, 1, 1)));
                } catch (ApiException e) {
                    return e;
                }
            }));
            Thread.sleep(30);
        }
        Tensor one = rows(1, 1, 1);
        long started = System.nanoTime();
        ApiException refused = null;
        try {
            service.infer(handle, List.of(one));
        } catch (ApiException e) {
            refused = e;
        }
        long elapsed = System.nanoTime() - started;
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfterSeconds()).isPositive();
        assertThat(elapsed).isLessThan(TimeUnit.MILLISECONDS.toNanos(100));
        for (Future<Object> w : waiting) {
            assertThat(w.get(5, TimeUnit.SECONDS)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.status()).isEqualTo(504));
        }
        model.gate.countDown();
        Thread.sleep(100);
        assertThat(model.batches).as("the timed-out queued requests were dropped").hasSize(1);
        assertThat(service.infer(handle, List.of(rows(2, 1, 1))).get(0).longs()).containsExactly(21);
    }

    @Test
    void aRequestCancelledWhileItWaitsForItsBatchIsLeftOutOfTheEngineCall() throws Exception {
        Recorder model = new Recorder(true, 0);
        model.gate = new CountDownLatch(1);
        ModelHandle handle = start(model, 1, 64, Duration.ofSeconds(10), new BatchSettings(8, Duration.ofMillis(400)));
        PendingPrediction<List<Tensor>> running = service.inferAsync(handle, List.of(rows(5, 1, 1)));
        Thread.sleep(50); // the only worker holds it at the gate
        PendingPrediction<List<Tensor>> kept = service.inferAsync(handle, List.of(rows(1, 1, 1)));
        PendingPrediction<List<Tensor>> cancelled = service.inferAsync(handle, List.of(rows(2, 2, 1)));
        cancelled.cancel(); // both wait to be taken as one batch
        model.gate.countDown();

        assertThat(running.result().get(10, TimeUnit.SECONDS).get(0).longs()).containsExactly(51);
        assertThat(kept.result().get(10, TimeUnit.SECONDS).get(0).longs()).containsExactly(11);
        assertThat(cancelled.result()).isCompletedExceptionally();
        assertThat(model.batches).as("rows per engine call").containsExactly(1L, 1L);
    }
}
