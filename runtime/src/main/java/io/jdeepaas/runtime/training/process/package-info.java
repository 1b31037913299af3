/**
 * {@code --train-isolation process}: each training runs in a child JVM. The parent side
 * ({@link io.jdeepaas.runtime.training.process.ProcessTrainingRunner}) starts
 * {@link io.jdeepaas.runtime.training.process.TrainingWorkerMain} with the same java binary, classpath
 * and module path, talks to it over a loopback socket ({@link io.jdeepaas.runtime.training.process.WorkerChannel}:
 * one JSON object per line), stores what it reports, forwards cancellation, kills it when it
 * outlives the cancel grace period, and turns its crash into an {@code error}.
 */
package io.jdeepaas.runtime.training.process;
