package io.jdeepaas.runtime.config;

import java.time.Duration;
import java.util.Map;

/**
 * Dynamic batching of tensor inference for one model: up to {@code maxBatchSize} rows of
 * queued requests stacked into one call; a batch waits for more at most {@code maxBatchDelay}, and
 * only while every other worker of the model is busy (a lone request never waits). A size of 1 turns batching off. Read from the settings {@value #SIZE} and {@value #DELAY}
 * (milliseconds), given globally by {@code --max-batch-size}/{@code --max-batch-delay} and per
 * model by {@code --model-setting MODEL.max-batch-size=N}.
 *
 * @param maxBatchSize the most rows in one call, at least 1
 * @param maxBatchDelay the longest a batch waits for more requests while every other worker is busy
 */
public record BatchSettings(int maxBatchSize, Duration maxBatchDelay) {

    /** The setting holding the batch size. */
    public static final String SIZE = "max-batch-size";
    /** The setting holding the delay in milliseconds. */
    public static final String DELAY = "max-batch-delay";
    /** Batching off. */
    public static final BatchSettings OFF = new BatchSettings(1, Duration.ofMillis(5));

    /** @throws IllegalArgumentException when the size is below 1 or the delay negative */
    public BatchSettings {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException(SIZE + " must be at least 1, got " + maxBatchSize);
        }
        if (maxBatchDelay.isNegative()) {
            throw new IllegalArgumentException(DELAY + " must not be negative, got " + maxBatchDelay.toMillis());
        }
    }

    /** @return whether requests may be stacked */
    public boolean enabled() {
        return maxBatchSize > 1;
    }

    /**
     * @param config the runtime's configuration
     * @param model a model's name
     * @return the model's batching: its own settings, else the global ones, else off
     * @throws IllegalArgumentException when a setting is not a number
     */
    public static BatchSettings forModel(RuntimeConfig config, String model) {
        return of(config.settingsFor(model), model);
    }

    static BatchSettings of(Map<String, String> settings, String model) {
        return new BatchSettings((int) number(settings, SIZE, OFF.maxBatchSize(), model),
                Duration.ofMillis(number(settings, DELAY, OFF.maxBatchDelay().toMillis(), model)));
    }

    private static long number(Map<String, String> settings, String key, long fallback, String model) {
        String value = settings.get(key);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " of model '" + model + "' must be a whole number, got '"
                    + value + "'");
        }
    }
}
