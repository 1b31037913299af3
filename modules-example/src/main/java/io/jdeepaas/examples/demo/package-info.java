/**
 * The {@code demo} module: a model without a model, modelled on the AI4OS demo application.
 *
 * <p>It declares one argument of every common kind and answers JSON (an echo of the parsed
 * arguments and their Java types), PNG (a bar chart of {@code numbers}) or zip (the echo plus the
 * uploaded attachment). Its training sleeps through a few fake epochs, reporting progress and a
 * decreasing loss, and can be told to fail. The runtime's HTTP API tests use it as their fixture,
 * so its behaviour is kept exactly as documented on {@link io.jdeepaas.examples.demo.DemoModel}.
 */
package io.jdeepaas.examples.demo;
