/**
 * Asynchronous trainings: the records users follow (status, progress, result), where they are
 * stored, and the bounded executor that runs them apart from predictions. No HTTP types here.
 */
package io.jdeepaas.runtime.training;
