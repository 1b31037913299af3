/**
 * Discovery of modules ({@code META-INF/services} files read line by line, each module in its own
 * child-first {@link io.jdeepaas.runtime.registry.ModuleClassLoader}, laid out by
 * {@link io.jdeepaas.runtime.registry.ModuleLayout}), the load-time checks of declarations, the
 * handle of each served model (its state, device and error; a module that cannot be used is a model
 * in state {@code failed}), warming, dev mode's reloads, and the one wrapper that translates module
 * failures and checks results.
 */
package io.jdeepaas.runtime.registry;
