package io.jdeepaas.runtime.training;

import java.time.Instant;

/**
 * One line a module logged through its training context.
 *
 * @param seq the line's number within the training, from 1
 * @param line the text, one line
 * @param time when it was logged
 */
public record LogLine(long seq, String line, Instant time) {
}
