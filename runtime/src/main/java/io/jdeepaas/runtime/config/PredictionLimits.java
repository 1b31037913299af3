package io.jdeepaas.runtime.config;

import java.time.Duration;

/**
 * How one model's predictions and tensor inferences are run, together: {@code workers} at once,
 * {@code queueSize} waiting (beyond that 429), and each answered within {@code timeout} (else 504).
 *
 * @param workers concurrent executions, at least 1
 * @param queueSize requests waiting for a worker, at least 0
 * @param timeout the longest a request may wait and run, positive
 */
public record PredictionLimits(int workers, int queueSize, Duration timeout) {

    public PredictionLimits {
        if (workers < 1 || queueSize < 0 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("invalid prediction limits: workers=" + workers + " queue-size="
                    + queueSize + " timeout=" + timeout);
        }
    }
}
