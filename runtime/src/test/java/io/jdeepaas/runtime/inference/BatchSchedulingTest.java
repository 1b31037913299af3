package io.jdeepaas.runtime.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.runtime.config.BatchSettings;
import io.jdeepaas.runtime.errors.ApiException;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ReadyHandles;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelMetadata;
import io.jdeepaas.spi.Tensor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When batches form: never by making a lone request wait, from the requests already queued, in
 * parallel on several workers; and each caller still gets exactly its own rows, whatever the
 * shapes around it and whether a neighbour in its batch gave up.
 */
class BatchSchedulingTest {

    /** {@code y = 10 * x + 1} per element of INT64 [rows, width]; records every call; can hold calls of a width. */
    static final class Shaped implements ModelEntryPoint {
        final Queue<long[]> calls = new ConcurrentLinkedQueue<>(); // {rows, width}
        final Map<Long, CountDownLatch> holds = new ConcurrentHashMap<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostRunning = new AtomicInteger();
        volatile long sleepMs;
        volatile CountDownLatch entered = new CountDownLatch(0);

        @Override
        public String name() {
            return "shaped";
        }

        @Override
        public ModelMetadata metadata() {
            return ModelMetadata.describe("records the shape of every call");
        }

        @Override
        public boolean batchable() {
            return true;
        }

        @Override
        public List<Tensor> infer(List<Tensor> inputs) throws Exception {
            int now = running.incrementAndGet();
            mostRunning.accumulateAndGet(now, Math::max);
            try {
                Tensor x = inputs.get(0);
                long width = x.shape()[1];
                calls.add(new long[] {x.shape()[0], width});
                entered.countDown();
                CountDownLatch hold = holds.get(width);
                if (hold != null) {
                    hold.await();
                }
                Thread.sleep(sleepMs);
                long[] in = x.longs();
                long[] out = new long[in.length];
                for (int i = 0; i < in.length; i++) {
                    out[i] = 10 * in[i] + 1;
                }
                return List.of(Tensor.int64("y", x.shape(), out));
            } finally {
                running.decrementAndGet();
            }
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

    private ModelHandle start(Shaped model, int workers, Duration timeout, BatchSettings batching) {
        service = new InferenceService(workers, 64, timeout, name -> batching);
        return ReadyHandles.of(model);
    }

    private static Tensor rows(long first, int rows, int width) {
        long[] data = new long[rows * width];
        for (int i = 0; i < data.length; i++) {
            data[i] = first + i;
        }
        return Tensor.int64("x", new long[] {rows, width}, data);
    }

    private static boolean ownRows(Tensor x, Tensor y) {
        return Arrays.equals(y.shape(), x.shape()) && Arrays.equals(y.longs(), Arrays.stream(x.longs())
                .map(v -> 10 * v + 1).toArray());
    }

    @Test
    void aLoneRequestWithAFreeWorkerRunsAtOnceNotAfterTheBatchDelay() throws Exception {
        Shaped model = new Shaped();
        ModelHandle handle = start(model, 2, Duration.ofSeconds(30), new BatchSettings(32, Duration.ofSeconds(5)));
        for (int i = 0; i < 3; i++) {
            long started = System.nanoTime();
            Tensor x = rows(i, 1, 2);
            assertThat(ownRows(x, service.infer(handle, List.of(x)).get(0))).isTrue();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started))
                    .as("a 5 s delay is an upper bound, not a wait").isLessThan(2_000);
        }
    }

    @Test
    void requestsQueuedBehindBusyWorkersAreBatchedAndBatchesRunInParallel() throws Exception {
        Shaped model = new Shaped();
        model.sleepMs = 150;
        ModelHandle handle = start(model, 2, Duration.ofSeconds(30), new BatchSettings(16, Duration.ofMillis(1)));
        everyCallerGetsItsOwnRow(handle, 24);
        assertThat(model.calls.stream().mapToLong(c -> c[0]).sum()).isEqualTo(24);
        assertThat(model.calls.size()).as("engine calls for 24 requests on 2 workers").isLessThanOrEqualTo(8);
        assertThat(model.mostRunning.get()).as("batches running at once").isEqualTo(2);
    }

    @Test
    void batchesNeverOutnumberTheProcessorsHoweverManyWorkersTheModelHas() throws Exception {
        int processors = Runtime.getRuntime().availableProcessors();
        int workers = processors + 2;
        Shaped model = new Shaped();
        model.sleepMs = 150;
        ModelHandle handle = start(model, workers, Duration.ofSeconds(30), new BatchSettings(32, Duration.ofMillis(1)));
        everyCallerGetsItsOwnRow(handle, 8 * workers);
        assertThat(model.calls.stream().mapToLong(c -> c[0]).sum()).isEqualTo(8L * workers);
        assertThat(model.mostRunning.get()).as("batches running at once on " + processors + " processors with "
                + workers + " workers").isEqualTo(Math.min(processors, workers));

        Shaped alone = new Shaped(); // the same lane without batching: every worker runs
        alone.sleepMs = 150;
        service.close();
        everyCallerGetsItsOwnRow(start(alone, workers, Duration.ofSeconds(30), BatchSettings.OFF), 2 * workers);
        assertThat(alone.mostRunning.get()).as("unbatched calls running at once").isEqualTo(workers);
    }

    /** Sends {@code callers} one-row requests at once and checks each answer is the caller's own row. */
    private void everyCallerGetsItsOwnRow(ModelHandle handle, int callers) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            long first = i * 100L;
            answers.add(clients.submit(() -> {
                go.await();
                Tensor x = rows(first, 1, 3);
                return ownRows(x, service.infer(handle, List.of(x)).get(0));
            }));
        }
        go.countDown();
        for (Future<Boolean> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void mixedShapesAreNeverStackedAndEachCallerGetsItsOwnRows() throws Exception {
        Shaped model = new Shaped();
        model.sleepMs = 5;
        ModelHandle handle = start(model, 2, Duration.ofSeconds(30), new BatchSettings(8, Duration.ofMillis(20)));
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Boolean>> answers = new ArrayList<>();
        long expectedRows = 0;
        for (int i = 0; i < 36; i++) {
            int width = 1 + i % 3;
            int n = 1 + (i / 3) % 3;
            long first = i * 1000L;
            expectedRows += n;
            answers.add(clients.submit(() -> {
                go.await();
                Tensor x = rows(first, n, width);
                return ownRows(x, service.infer(handle, List.of(x)).get(0));
            }));
        }
        go.countDown();
        for (Future<Boolean> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(model.calls.stream().mapToLong(c -> c[0]).sum()).isEqualTo(expectedRows);
        assertThat(model.calls).allMatch(c -> c[0] <= 8);
        assertThat(model.calls.size()).as("some calls carried several requests").isLessThan(36);
    }

    @Test
    void aCallerThatTimesOutWhileItsBatchRunsGets504AndTheOthersTheirRows() throws Exception {
        Shaped model = new Shaped();
        CountDownLatch blocker = new CountDownLatch(1);
        CountDownLatch batch = new CountDownLatch(1);
        model.holds.put(3L, blocker); // width 3: the job that keeps the only worker busy
        model.holds.put(1L, batch); // width 1: the batch under test, held until the first caller has timed out
        ModelHandle handle = start(model, 1, Duration.ofMillis(1500), new BatchSettings(8, Duration.ofMillis(1)));
        model.entered = new CountDownLatch(1);
        PendingPrediction<List<Tensor>> busy = service.inferAsync(handle, List.of(rows(7, 1, 3)));
        assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();
        Tensor early = rows(100, 2, 1);
        Tensor late = rows(200, 1, 1);
        PendingPrediction<List<Tensor>> timesOut = service.inferAsync(handle, List.of(early));
        Thread.sleep(700);
        PendingPrediction<List<Tensor>> answered = service.inferAsync(handle, List.of(late));
        model.entered = new CountDownLatch(1);
        blocker.countDown(); // the worker now takes both queued requests as one batch
        assertThat(model.entered.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            timesOut.result().get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a timeout");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOfSatisfying(ApiException.class,
                    api -> assertThat(api.status()).isEqualTo(504));
        }
        batch.countDown();
        assertThat(ownRows(late, answered.result().get(10, TimeUnit.SECONDS).get(0))).isTrue();
        assertThat(busy.result().get(10, TimeUnit.SECONDS).get(0).longs()).containsExactly(71, 81, 91);
        assertThat(model.calls.stream().map(c -> c[0] + "x" + c[1]).toList())
                .as("the timed-out caller's rows were in the running batch").containsExactly("1x3", "3x1");
    }
}
