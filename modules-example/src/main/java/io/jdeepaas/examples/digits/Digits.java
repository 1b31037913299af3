package io.jdeepaas.examples.digits;

import ai.djl.translate.TranslateException;
import io.jdeepaas.examples.djl.DjlDevices;
import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.InvalidArgumentException;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelName;
import io.jdeepaas.spi.ModelVersion;
import io.jdeepaas.spi.ModelMetadata;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.TensorSpec;
import io.jdeepaas.spi.TensorType;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.TrainingContext;
import io.jdeepaas.spi.UploadedFile;
import io.jdeepaas.spi.WarmContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code digits} model: reads the digit in an uploaded image with a small convolutional
 * network on the PyTorch engine, and trains that network on digits it renders itself.
 *
 * <p>{@code warm} loads the model version the runtime names ({@link WarmContext#modelVersion()}), or
 * else (version {@code 1}) the weights shipped in the jar. A finished training saves its weights in
 * {@link TrainingContext#modelDir()}; the runtime keeps them as a new version and serves it when its
 * policy says so, in a new instance warmed with that version.
 */
@ModelName("digits")
public final class Digits implements ModelEntryPoint {

    private static final int MAX_TOP_K = 10;

    private final AtomicReference<LoadedDigits> served = new AtomicReference<>();


    @Override
    public ModelMetadata metadata() {
        LoadedDigits current = served.get();
        return ModelMetadata.describe("Reads a single digit (0-9) from a PNG or JPEG image with a small "
                        + "convolutional network; trains on digits rendered with the JDK's fonts")
                .version("1.0")
                .author("jDEEPaaS")
                .license("Apache-2.0")
                .extra("weights", current == null ? "not loaded" : current.origin());
    }

    @Override
    public Optional<String> engine() {
        return Optional.of("PyTorch");
    }

    @Override
    public void warm(WarmContext context) throws Exception {
        Path folder = context.modelVersion().map(ModelVersion::dir).orElse(null);
        if (folder == null) {
            folder = DigitsWeights.extractShipped(context.dataDir());
        }
        swap(LoadedDigits.load(folder, DjlDevices.of(context.device())));
        context.logger().log(System.Logger.Level.INFO, "digits weights loaded from " + served.get().origin());
    }

    @Override
    public List<Argument> predictArguments() {
        return List.of(
                Argument.file("image").required().description("A PNG or JPEG image of one digit, any size"),
                Argument.integer("top_k").range(1, MAX_TOP_K).defaultValue(3)
                        .description("How many of the most likely digits to return"));
    }

    @Override
    public Optional<Map<String, Object>> responseSchema() {
        return Optional.of(DigitsSchema.response());
    }

    @Override
    public Object predict(PredictRequest request) throws Exception {
        float[] input = input(request.file("image"));
        float[] probabilities = classify(input);
        return Map.of("predictions", top(probabilities, request.integer("top_k")));
    }

    @Override
    public List<Argument> trainArguments() {
        return TrainingOptions.arguments();
    }

    @Override
    public Object train(TrainRequest request, TrainingContext context) throws Exception {
        TrainingOptions options = TrainingOptions.from(request);
        long started = System.nanoTime();
        Map<String, Double> metrics = DigitsTraining.run(options, DjlDevices.of(context.device()), context,
                "training " + context.trainingId());
        Map<String, Object> result = new LinkedHashMap<>(metrics);
        result.put("options", options.asMap());
        result.put("weights", "training " + context.trainingId());
        result.put("training_seconds", (System.nanoTime() - started) / 1e9);
        return result;
    }

    @Override
    public void close() {
        LoadedDigits last = served.getAndSet(null);
        if (last != null) {
            last.retire();
        }
    }

    /** Serves {@code next} from now on and frees the previous weights once their users are done. */
    private void swap(LoadedDigits next) {
        LoadedDigits previous = served.getAndSet(next);
        if (previous != null) {
            previous.retire();
        }
    }

    @Override
    public List<TensorSpec> inputs() {
        return List.of(TensorSpec.of("image", TensorType.FP32, -1, 1, DigitImages.SIZE, DigitImages.SIZE));
    }

    @Override
    public List<TensorSpec> outputs() {
        return List.of(TensorSpec.of("probabilities", TensorType.FP32, -1, 10), TensorSpec.of("digit", TensorType.INT64, -1));
    }

    @Override
    public boolean batchable() {
        return true;
    }

    /**
     * Classifies images given as tensors: {@code image} FP32 [n, 1, 28, 28], values in [0, 1] with
     * ink 1 (as {@link DigitImages} makes them); answers {@code probabilities} FP32 [n, 10] and the
     * likeliest {@code digit} INT64 [n].
     */
    @Override
    public List<Tensor> infer(List<Tensor> inputs) throws Exception {
        Tensor image = inputs.get(0);
        int n = (int) image.rows();
        int pixels = DigitImages.SIZE * DigitImages.SIZE;
        float[] flat = image.floats();
        List<float[]> images = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            images.add(Arrays.copyOfRange(flat, i * pixels, (i + 1) * pixels));
        }
        List<float[]> probabilities = n == 0 ? List.of() : withServed(current -> current.probabilities(images));
        float[] out = new float[n * 10];
        long[] digits = new long[n];
        for (int i = 0; i < n; i++) {
            float[] p = probabilities.get(i);
            System.arraycopy(p, 0, out, i * 10, 10);
            for (int d = 1; d < 10; d++) {
                if (p[d] > p[(int) digits[i]]) {
                    digits[i] = d;
                }
            }
        }
        return List.of(Tensor.fp32("probabilities", new long[] {n, 10}, out), Tensor.int64("digit", new long[] {n}, digits));
    }

    private float[] classify(float[] input) throws Exception {
        return withServed(current -> current.probabilities(input));
    }

    /** Work done with one set of served weights. */
    private interface ServedWork<T> {
        T apply(LoadedDigits weights) throws TranslateException;
    }

    /** Runs work with the weights served now, kept open until it is done even if a training swaps them. */
    private <T> T withServed(ServedWork<T> work) throws TranslateException {
        while (true) {
            LoadedDigits current = served.get();
            if (current == null) {
                throw new IllegalStateException("model 'digits' is not warmed");
            }
            if (current.acquire()) {
                try {
                    return work.apply(current);
                } finally {
                    current.release();
                }
            }
        }
    }

    private static float[] input(UploadedFile file) throws IOException {
        BufferedImage image = ImageUploads.read("image", file);
        try {
            return DigitImages.toInput(image, DigitImages.Placement.CENTERED);
        } catch (IllegalArgumentException e) {
            throw new InvalidArgumentException("image", e.getMessage());
        }
    }

    private static List<Map<String, Object>> top(float[] probabilities, int k) {
        List<Integer> digits = new ArrayList<>();
        for (int d = 0; d < probabilities.length; d++) {
            digits.add(d);
        }
        digits.sort(Comparator.comparingDouble((Integer d) -> probabilities[d]).reversed());
        List<Map<String, Object>> top = new ArrayList<>();
        for (int d : digits.subList(0, Math.min(k, digits.size()))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("digit", d);
            entry.put("probability", Math.round(probabilities[d] * 1e6) / 1e6);
            top.add(entry);
        }
        return top;
    }
}
