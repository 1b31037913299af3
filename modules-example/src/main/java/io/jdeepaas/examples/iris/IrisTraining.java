package io.jdeepaas.examples.iris;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import io.jdeepaas.spi.TrainingCancelledException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Trains the network with DJL's training API: Adam on softmax cross-entropy, mini-batches from a
 * seeded shuffle, metrics on all training rows and on the held-out rows after every epoch.
 */
final class IrisTraining {

    /** Hears about each epoch and may stop the training. */
    interface Observer {

        /** @return whether the training should stop now */
        boolean cancelled();

        /**
         * @param epoch the epoch just finished, from 1
         * @param epochs the planned number of epochs
         * @param metrics {@code loss}, {@code accuracy}, {@code val_loss}, {@code val_accuracy}
         */
        void epochDone(int epoch, int epochs, Map<String, Double> metrics);
    }

    /**
     * A finished training. The caller owns {@code model} and must close it.
     *
     * @param model the trained model
     * @param standardizer the scaling fitted on the training rows
     * @param metrics the metrics of the last epoch
     * @param losses the training loss after each epoch
     */
    record Result(Model model, Standardizer standardizer, Map<String, Double> metrics, List<Double> losses) {
    }

    /**
     * The weights a training starts from instead of seeded ones (a warm start).
     *
     * @param id the id of the weights, as served
     * @param hiddenUnits the width of their hidden layer
     * @param values every parameter's values, in the network's order
     */
    record Start(String id, int hiddenUnits, List<float[]> values) {
    }

    private IrisTraining() {
    }

    /**
     * Trains a new model.
     *
     * @param settings epochs, learning rate, batch size, hidden units, seed
     * @param device where to train
     * @param observer told about each epoch; asked before each batch whether to stop
     * @return the trained model and its metrics
     * @throws TrainingCancelledException when the observer asked to stop
     */
    static Result run(IrisSettings settings, Device device, Observer observer) throws TrainingCancelledException {
        return run(settings, device, observer, null);
    }

    /**
     * Trains a model, from given weights or from new seeded ones.
     *
     * @param start the weights to start from (same hidden units), or {@code null} for seeded ones
     * @see #run(IrisSettings, Device, Observer)
     */
    static Result run(IrisSettings settings, Device device, Observer observer, Start start)
            throws TrainingCancelledException {
        IrisData.Split split = IrisData.load().stratifiedSplit(0.2);
        Standardizer standardizer = Standardizer.fit(split.train().stream().map(IrisData.Flower::features).toList());
        Model model = Model.newInstance("iris", device, "PyTorch");
        boolean done = false;
        try {
            model.setBlock(IrisNetwork.build(settings.hiddenUnits()));
            List<Double> losses = new ArrayList<>();
            Map<String, Double> metrics = Map.of();
            try (Trainer trainer = model.newTrainer(config(settings, device))) {
                trainer.initialize(new Shape(1, IrisData.FEATURES.size()));
                if (start != null) {
                    List<Parameter> parameters = model.getBlock().getParameters().values();
                    for (int i = 0; i < parameters.size(); i++) {
                        parameters.get(i).getArray().set(start.values().get(i));
                    }
                }
                Random order = new Random(settings.seed());
                List<IrisData.Flower> rows = new ArrayList<>(split.train());
                for (int epoch = 1; epoch <= settings.epochs(); epoch++) {
                    Collections.shuffle(rows, order);
                    for (int from = 0; from < rows.size(); from += settings.batchSize()) {
                        if (observer.cancelled()) {
                            throw new TrainingCancelledException();
                        }
                        List<IrisData.Flower> slice = rows.subList(from, Math.min(rows.size(), from + settings.batchSize()));
                        trainBatch(trainer, slice, standardizer, epoch, settings.epochs());
                    }
                    metrics = evaluate(trainer, split, standardizer);
                    losses.add(metrics.get("loss"));
                    observer.epochDone(epoch, settings.epochs(), metrics);
                }
            }
            model.setProperty("Epoch", String.valueOf(settings.epochs()));
            done = true;
            return new Result(model, standardizer, metrics, List.copyOf(losses));
        } finally {
            if (!done) {
                model.close();
            }
        }
    }

    private static DefaultTrainingConfig config(IrisSettings settings, Device device) {
        Optimizer adam = Optimizer.adam()
                .optLearningRateTracker(Tracker.fixed((float) settings.learningRate()))
                .build();
        return new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(adam)
                .optDevices(new Device[] {device})
                .optInitializer(new IrisNetwork.SeededInitializer(settings.seed()), Parameter.Type.WEIGHT);
    }

    private static void trainBatch(Trainer trainer, List<IrisData.Flower> slice, Standardizer standardizer,
                                   int epoch, int epochs) {
        try (NDManager batchManager = trainer.getManager().newSubManager()) {
            NDList data = new NDList(features(batchManager, slice, standardizer));
            NDList labels = new NDList(labels(batchManager, slice));
            Batch batch = new Batch(batchManager, data, labels, slice.size(), Batchifier.STACK, Batchifier.STACK,
                    epoch, epochs);
            EasyTrain.trainBatch(trainer, batch);
            trainer.step();
        }
    }

    private static Map<String, Double> evaluate(Trainer trainer, IrisData.Split split, Standardizer standardizer) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        try (NDManager manager = trainer.getManager().newSubManager()) {
            double[] train = lossAndAccuracy(trainer, manager, split.train(), standardizer);
            double[] held = lossAndAccuracy(trainer, manager, split.validation(), standardizer);
            metrics.put("loss", train[0]);
            metrics.put("accuracy", train[1]);
            metrics.put("val_loss", held[0]);
            metrics.put("val_accuracy", held[1]);
        }
        return metrics;
    }

    private static double[] lossAndAccuracy(Trainer trainer, NDManager manager, List<IrisData.Flower> rows,
                                            Standardizer standardizer) {
        NDArray labels = labels(manager, rows);
        NDList predictions = trainer.evaluate(new NDList(features(manager, rows, standardizer)));
        double loss = trainer.getLoss().evaluate(new NDList(labels), predictions).getFloat();
        NDArray predicted = predictions.singletonOrThrow().argMax(1).toType(labels.getDataType(), false);
        double accuracy = predicted.eq(labels).sum().getLong() / (double) rows.size();
        return new double[] {loss, accuracy};
    }

    private static NDArray features(NDManager manager, List<IrisData.Flower> rows, Standardizer standardizer) {
        float[][] scaled = new float[rows.size()][];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = standardizer.apply(rows.get(i).features());
        }
        return manager.create(scaled);
    }

    private static NDArray labels(NDManager manager, List<IrisData.Flower> rows) {
        float[] labels = new float[rows.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rows.get(i).label();
        }
        return manager.create(labels);
    }
}
