/**
 * The JDBC training store: the connection pool, the versioned schema (Flyway migrations under
 * {@code io/jdeepaas/runtime/db}) and the SQL behind {@link io.jdeepaas.runtime.training.TrainingStore},
 * one class per concern: records, queue, replica leases, training outputs (metrics and logs), experiments.
 * One SQL dialect serves both the embedded H2 file and PostgreSQL.
 */
package io.jdeepaas.runtime.training.jdbc;
