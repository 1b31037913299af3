package io.jdeepaas.runtime.training;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * How far a training is.
 *
 * @param step steps done
 * @param total steps planned
 * @param fraction step / total, between 0 and 1
 * @param metrics the latest metrics the module reported
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Progress(long step, long total, double fraction, Map<String, Double> metrics) {

    public static final Progress NONE = new Progress(0, 0, 0.0, Map.of());

    public Progress {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    public Progress at(long newStep, long newTotal) {
        double f = newTotal > 0 ? Math.min(1.0, Math.max(0.0, (double) newStep / newTotal)) : 0.0;
        return new Progress(newStep, newTotal, f, metrics);
    }

    public Progress withMetrics(Map<String, Double> latest) {
        return new Progress(step, total, fraction, latest);
    }
}
