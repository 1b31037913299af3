package io.jdeepaas.examples.digits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigitsConcurrencyTest {

    @TempDir
    Path temp;

    @Test
    void concurrentPredictionsOnDifferentDigitsEachGetTheAnswerForTheirOwnImage() throws Exception {
        List<RenderedUploads.Upload> uploads = RenderedUploads.render(30, 99, temp, "png");
        try (Digits digits = DigitsFixture.warmed(temp.resolve("data"))) {
            List<List<Map<String, Object>>> alone = new ArrayList<>();
            for (RenderedUploads.Upload upload : uploads) {
                alone.add(DigitsFixture.predict(digits, upload.file(), 3));
            }

            List<Integer> order = new ArrayList<>();
            for (int round = 0; round < 6; round++) {
                for (int i = 0; i < uploads.size(); i++) {
                    order.add(i);
                }
            }
            Collections.shuffle(order, new Random(3));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<Boolean>> calls = new ArrayList<>();
                for (int i : order) {
                    calls.add(() -> DigitsFixture.predict(digits, uploads.get(i).file(), 3).equals(alone.get(i)));
                }
                List<Boolean> same = new ArrayList<>();
                for (Future<Boolean> future : pool.invokeAll(calls)) {
                    same.add(future.get());
                }
                assertThat(same).hasSize(180).containsOnly(true);
            } finally {
                pool.shutdown();
            }
            long right = 0;
            for (int i = 0; i < uploads.size(); i++) {
                right += alone.get(i).get(0).get("digit").equals(uploads.get(i).digit()) ? 1 : 0;
            }
            assertThat(right).isGreaterThanOrEqualTo(27);
        }
    }
}
