package io.jdeepaas.runtime.training;

/**
 * One event of a training's stream.
 *
 * @param name {@code status} (the whole record), {@code metrics} ({@code {"step", "metrics": {name:
 *     value}}}), {@code log} ({@code {"seq", "line", "time"}}) or {@code progress} ({@code {"step",
 *     "total", "fraction"}})
 * @param id the event's id: the cursor just after it (see {@link EventCursor})
 * @param data the event's content, written as JSON
 */
public record TrainingEvent(String name, String id, Object data) {
}
