/**
 * The HTTP layer on Javalin: server set-up, the one exception mapper, and one routes class per
 * endpoint family, each registering its own paths in {@code register(Javalin)}. Handlers parse,
 * call a service, and write the answer; they never catch module exceptions themselves.
 */
package io.jdeepaas.runtime.http;
