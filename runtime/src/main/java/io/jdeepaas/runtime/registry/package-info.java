/**
 * Discovery of modules with {@link java.util.ServiceLoader}, the handle of each served model (its
 * state, device and error), warming, and the one wrapper that translates module failures.
 */
package io.jdeepaas.runtime.registry;
