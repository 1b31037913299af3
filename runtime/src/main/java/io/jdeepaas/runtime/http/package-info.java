/**
 * The HTTP layer on Javalin: server set-up, the one error mapper ({@code ErrorMapper}, also for
 * Jetty's own refusals), the one way to read a request body ({@code BodyReader}: bounded, decoded,
 * counted as it arrives), and one routes class per endpoint family, each registering its own paths
 * in {@code register(Javalin)}. Handlers parse, call a service, and write the answer (queued work
 * through {@code AsyncAnswer}); they never catch module exceptions themselves.
 */
package io.jdeepaas.runtime.http;
