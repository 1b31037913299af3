/**
 * Asynchronous trainings: the records users follow (status, timestamps, progress, result), the
 * store interface they are kept behind (its JDBC implementation is in {@code training.jdbc}), the
 * dispatcher that claims queued trainings from the store and runs them on a bounded pool apart from
 * predictions, what a running training reports (kept and saved in batches by {@code TrainingReports}),
 * metrics series, log lines, event feeds, artifacts and experiments. No HTTP types here.
 */
package io.jdeepaas.runtime.training;
