/**
 * The module test kit: what a module author's tests need to check a module as the runtime will
 * run it. {@link io.jdeepaas.testkit.Requests} builds requests with the runtime's own argument
 * parser (conversion, defaults, validation); {@link io.jdeepaas.testkit.RecordingTrainingContext}
 * and {@link io.jdeepaas.testkit.TestWarmContexts} stand in for the runtime's contexts in unit
 * tests; {@link io.jdeepaas.testkit.ModuleContract} runs the load-time checks; and
 * {@link io.jdeepaas.testkit.JdeepaasRuntime} starts the real runtime in-process with a
 * {@link io.jdeepaas.testkit.RuntimeClient}.
 */
package io.jdeepaas.testkit;
