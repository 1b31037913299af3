package io.jdeepaas.examples.digits;

import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ArgumentValues;
import java.util.List;
import java.util.Map;

/**
 * The settings of one digits training, and their declaration as train arguments.
 *
 * @param epochs passes over freshly rendered data
 * @param learningRate Adam's learning rate
 * @param batchSize samples per optimisation step
 * @param samples samples rendered for each epoch (new ones every epoch)
 * @param seed seed of the data generator and of the weight initialisation
 */
public record TrainingOptions(int epochs, double learningRate, int batchSize, int samples, long seed) {

    /** The settings the shipped weights were trained with. */
    public static final TrainingOptions SHIPPED = new TrainingOptions(8, 0.002, 64, 6000, 42);

    /** @return the train arguments, with defaults a user can train with in a minute or two */
    public static List<Argument> arguments() {
        return List.of(
                Argument.integer("epochs").range(1, 100).defaultValue(5)
                        .description("Passes over freshly rendered digits"),
                Argument.number("learning_rate").range(1e-6, 1).defaultValue(0.002)
                        .description("Learning rate of the Adam optimiser"),
                Argument.integer("batch_size").range(1, 1024).defaultValue(64)
                        .description("Samples per optimisation step"),
                Argument.integer("samples").range(10, 20_000).defaultValue(3000)
                        .description("Digits rendered for each epoch (new ones every epoch)"),
                Argument.integer("seed").defaultValue(1)
                        .description("Seed of the data generator and of the initial weights"));
    }

    /**
     * Reads validated train arguments.
     *
     * @param values the request's values, defaults applied
     * @return the settings
     */
    public static TrainingOptions from(ArgumentValues values) {
        return new TrainingOptions(values.integer("epochs"), values.number("learning_rate"),
                values.integer("batch_size"), values.integer("samples"), values.longValue("seed"));
    }

    /** @return the settings as a JSON-able map, for training results and logs */
    public Map<String, Object> asMap() {
        return Map.of("epochs", epochs, "learning_rate", learningRate, "batch_size", batchSize,
                "samples", samples, "seed", seed);
    }
}
