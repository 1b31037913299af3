package io.jdeepaas.runtime.config;

import java.util.Locale;

/**
 * Where a training runs ({@code --train-isolation}).
 *
 * <ul>
 *   <li>{@code thread}: on a thread of the runtime's own JVM. Cheap to start; a training that ignores
 *       cancellation keeps its worker until it returns (shown {@code cancelling}), and a module that
 *       calls {@code System.exit} or crashes natively takes the server down with it.</li>
 *   <li>{@code process}: in a child JVM started for that training alone. A cancelled training that
 *       does not stop within {@code --cancel-grace} is killed, and a crash of the child ends only that
 *       training, as {@code error}.</li>
 * </ul>
 */
public enum TrainIsolation {
    THREAD, PROCESS;

    /** @return the isolation named by a flag value, {@code thread} or {@code process} */
    public static TrainIsolation parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("--train-isolation must be thread or process, got " + value);
        }
    }

    /** @return the flag value */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
