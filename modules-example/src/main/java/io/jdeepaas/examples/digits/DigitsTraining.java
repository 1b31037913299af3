package io.jdeepaas.examples.digits;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.jdeepaas.spi.TrainingCancelledException;
import io.jdeepaas.spi.TrainingContext;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Trains the digits network from scratch with DJL's training API (a {@link Trainer} with softmax
 * cross-entropy and Adam) on freshly rendered digits, new ones every epoch. After each epoch it
 * measures accuracy on a fixed validation set rendered from another seed and reports progress and
 * metrics; it checks for cancellation before every batch. The weights are saved as
 * {@code digits-0000.params} in the context's output folder.
 */
final class DigitsTraining {

    /** Validation samples rendered once per training. */
    private static final int VALIDATION_SAMPLES = 500;

    private static final int PIXELS = DigitImages.SIZE * DigitImages.SIZE;

    /**
     * What one epoch measured.
     *
     * @param loss mean training loss
     * @param accuracy share of training samples classified right during the epoch
     */
    private record EpochFit(double loss, double accuracy) {
    }

    private DigitsTraining() {
    }

    /**
     * Runs a whole training.
     *
     * @param options the settings
     * @param device where to train
     * @param context progress, metrics, cancellation and the output folder
     * @param origin what to record as the weights' origin in the saved file
     * @return the last epoch's metrics
     * @throws TrainingCancelledException when cancelled (checked before every batch)
     * @throws IOException when the weights cannot be saved
     */
    static Map<String, Double> run(TrainingOptions options, Device device, TrainingContext context, String origin)
            throws TrainingCancelledException, IOException {
        Engine.getEngine("PyTorch").setRandomSeed((int) options.seed());
        DigitSamples validation = DigitSamples.validation(VALIDATION_SAMPLES, ~options.seed());
        Map<String, Double> metrics = Map.of();
        try (Model model = Model.newInstance(DigitsWeights.PREFIX, device, "PyTorch")) {
            model.setBlock(DigitsNetwork.create());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adam()
                            .optLearningRateTracker(Tracker.fixed((float) options.learningRate())).build())
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(DigitsNetwork.INPUT_SHAPE);
                Random shuffle = new Random(options.seed());
                for (int epoch = 1; epoch <= options.epochs(); epoch++) {
                    context.throwIfCancelled();
                    DigitSamples data = DigitSamples.training(options.samples(), options.seed() * 1_000_003L + epoch);
                    EpochFit fit = fitEpoch(trainer, data, options.batchSize(), shuffle, context);
                    double validationAccuracy = accuracy(trainer, validation, options.batchSize());
                    metrics = new LinkedHashMap<>();
                    metrics.put("loss", fit.loss());
                    metrics.put("accuracy", fit.accuracy());
                    metrics.put("validation_accuracy", validationAccuracy);
                    context.progress(epoch, options.epochs());
                    context.metrics(epoch, metrics);
                    context.log(String.format(java.util.Locale.ROOT,
                            "epoch %d/%d loss=%.4f accuracy=%.3f validation_accuracy=%.3f",
                            epoch, options.epochs(), fit.loss(), fit.accuracy(), validationAccuracy));
                }
            }
            context.throwIfCancelled();
            model.setProperty(LoadedDigits.ORIGIN, origin);
            model.save(context.modelDir(), DigitsWeights.PREFIX);
        }
        return metrics;
    }

    private static EpochFit fitEpoch(Trainer trainer, DigitSamples data, int batchSize, Random shuffle,
                                     TrainingContext context) throws TrainingCancelledException {
        int[] order = permutation(data.size(), shuffle);
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < order.length; start += batchSize) {
            context.throwIfCancelled();
            int size = Math.min(batchSize, order.length - start);
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDArray[] xy = batchArrays(batch, data, order, start, size);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDList predictions = trainer.forward(new NDList(xy[0]));
                    NDArray loss = trainer.getLoss().evaluate(new NDList(xy[1]), predictions);
                    collector.backward(loss);
                    lossSum += loss.getFloat() * size;
                    correct += countCorrect(predictions.singletonOrThrow(), xy[1]);
                }
                trainer.step();
            }
        }
        return new EpochFit(lossSum / data.size(), (double) correct / data.size());
    }

    private static double accuracy(Trainer trainer, DigitSamples data, int batchSize) {
        int[] order = permutation(data.size(), null);
        long correct = 0;
        for (int start = 0; start < order.length; start += batchSize) {
            int size = Math.min(batchSize, order.length - start);
            try (NDManager batch = trainer.getManager().newSubManager()) {
                NDArray[] xy = batchArrays(batch, data, order, start, size);
                NDList predictions = trainer.evaluate(new NDList(xy[0]));
                correct += countCorrect(predictions.singletonOrThrow(), xy[1]);
            }
        }
        return (double) correct / data.size();
    }

    private static long countCorrect(NDArray logits, NDArray labels) {
        return logits.argMax(1).toType(labels.getDataType(), false).eq(labels).countNonzero().getLong();
    }

    private static NDArray[] batchArrays(NDManager manager, DigitSamples data, int[] order, int start, int size) {
        float[] inputs = new float[size * PIXELS];
        float[] labels = new float[size];
        for (int i = 0; i < size; i++) {
            int sample = order[start + i];
            System.arraycopy(data.inputs(), sample * PIXELS, inputs, i * PIXELS, PIXELS);
            labels[i] = data.labels()[sample];
        }
        NDArray x = manager.create(inputs, new Shape(size, 1, DigitImages.SIZE, DigitImages.SIZE));
        NDArray y = manager.create(labels);
        return new NDArray[] {x, y};
    }

    /** A random order of {@code 0..size-1}, or the natural order when {@code random} is null. */
    private static int[] permutation(int size, Random random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        if (random != null) {
            for (int i = size - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
        }
        return order;
    }
}
