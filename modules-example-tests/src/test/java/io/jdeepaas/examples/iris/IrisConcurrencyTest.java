package io.jdeepaas.examples.iris;

import static org.assertj.core.api.Assertions.assertThat;

import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.Device;
import io.jdeepaas.testkit.RecordingTrainingContext;
import io.jdeepaas.testkit.Requests;
import java.nio.file.Files;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IrisConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void concurrentPredictionsEachGetTheAnswerToTheirOwnFlower() throws Exception {
        try (Iris iris = IrisTest.warmed(dir)) {
            List<IrisData.Flower> flowers = IrisData.load().flowers();
            List<Object> expected = new ArrayList<>();
            for (IrisData.Flower flower : flowers) {
                expected.add(iris.predict(PredictRequest.of(IrisTest.measurements(flower.features()))));
            }

            int threads = 16;
            int rounds = 20;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int offset = t * 7;
                    Callable<Integer> worker = () -> {
                        start.await();
                        int checked = 0;
                        for (int r = 0; r < rounds; r++) {
                            for (int i = 0; i < flowers.size(); i += 5) {
                                int k = (i + offset + r) % flowers.size();
                                Map<String, Object> input = IrisTest.measurements(flowers.get(k).features());
                                assertThat(iris.predict(PredictRequest.of(input))).as("flower %d", k)
                                        .isEqualTo(expected.get(k));
                                checked++;
                            }
                        }
                        return checked;
                    };
                    results.add(pool.submit(worker));
                }
                start.countDown();
                int total = 0;
                for (Future<Integer> result : results) {
                    total += result.get();
                }
                assertThat(total).isEqualTo(threads * rounds * 30);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void predictionsKeepWorkingWhileATrainingRunsAndKeepTheWarmedWeights() throws Exception {
        try (Iris iris = IrisTest.warmed(dir.resolve("data"))) {
            Map<String, Object> flower = Map.of(
                    "sepal_length", 5.9, "sepal_width", 3.0, "petal_length", 5.1, "petal_width", 1.8);
            AtomicBoolean trainingDone = new AtomicBoolean();
            Set<Object> weightsSeen = ConcurrentHashMap.newKeySet();
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<Integer>> readers = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    readers.add(pool.submit(() -> {
                        int calls = 0;
                        int afterDone = 0;
                        while (afterDone < 50) {
                            Map<?, ?> answer = (Map<?, ?>) iris.predict(PredictRequest.of(flower));
                            weightsSeen.add(answer.get("weights"));
                            calls++;
                            afterDone += trainingDone.get() ? 1 : 0;
                        }
                        return calls;
                    }));
                }
                Future<Object> training = pool.submit(() -> {
                    try {
                        return iris.train(Requests.train(iris, Map.of("epochs", 10)),
                                new RecordingTrainingContext(dir.resolve("swap"), Device.cpu()));
                    } finally {
                        trainingDone.set(true);
                    }
                });
                training.get();
                for (Future<Integer> reader : readers) {
                    assertThat(reader.get()).isGreaterThan(50);
                }
            } finally {
                pool.shutdownNow();
            }
            // the runtime, not the module, serves the new weights (as a new version, warmed in a new instance)
            assertThat(weightsSeen).containsExactly("initial");
        }
    }
}
