package io.jdeepaas.examples.iris;

import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ArgumentValues;
import java.util.List;

/**
 * The knobs of one training.
 *
 * @param epochs passes over the training rows
 * @param learningRate Adam's learning rate
 * @param batchSize rows per optimisation step
 * @param hiddenUnits the width of the hidden layer
 * @param seed decides the starting weights and the order of rows
 */
record IrisSettings(int epochs, double learningRate, int batchSize, int hiddenUnits, long seed) {

    /** The settings used for the initial weights and as argument defaults. */
    static final IrisSettings DEFAULTS = new IrisSettings(60, 0.01, 16, 16, 42);

    /** @return the declared train arguments, defaults from {@link #DEFAULTS} */
    static List<Argument> arguments() {
        return List.of(
                Argument.integer("epochs").range(1, 1000).defaultValue(DEFAULTS.epochs())
                        .description("Passes over the 120 training rows"),
                Argument.number("learning_rate").range(1e-5, 1).defaultValue(DEFAULTS.learningRate())
                        .description("Adam's learning rate"),
                Argument.integer("batch_size").range(1, 120).defaultValue(DEFAULTS.batchSize())
                        .description("Rows per optimisation step"),
                Argument.integer("hidden_units").range(2, 512).defaultValue(DEFAULTS.hiddenUnits())
                        .description("Width of the hidden layer"),
                Argument.integer("seed").defaultValue(DEFAULTS.seed())
                        .description("Decides the starting weights and the order of rows"));
    }

    /**
     * @param values validated train arguments
     * @return the settings they describe
     */
    static IrisSettings from(ArgumentValues values) {
        return new IrisSettings(
                values.has("epochs") ? values.integer("epochs") : DEFAULTS.epochs(),
                values.has("learning_rate") ? values.number("learning_rate") : DEFAULTS.learningRate(),
                values.has("batch_size") ? values.integer("batch_size") : DEFAULTS.batchSize(),
                values.has("hidden_units") ? values.integer("hidden_units") : DEFAULTS.hiddenUnits(),
                values.has("seed") ? values.longValue("seed") : DEFAULTS.seed());
    }
}
