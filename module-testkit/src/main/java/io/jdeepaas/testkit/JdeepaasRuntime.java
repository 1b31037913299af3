package io.jdeepaas.testkit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import io.jdeepaas.runtime.Server;
import io.jdeepaas.runtime.config.RuntimeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A JUnit 5 extension that starts the real runtime in this JVM, on a free loopback port, serving
 * the named models found on the test's classpath (the module under test: its classes and its
 * {@code META-INF/services} file), and waits until they are warmed. The runtime's log is kept
 * aside and printed only when a test fails.
 *
 * <pre>{@code
 * class EchoServedTest {
 *     @RegisterExtension
 *     static final JdeepaasRuntime runtime = JdeepaasRuntime.serving("echo");
 *
 *     @Test
 *     void echoes() {
 *         var answer = runtime.client().predict("echo", Map.of("text", "hi", "times", 2));
 *         assertThat(answer.json().at("/predictions/echo").asText()).isEqualTo("hihi");
 *     }
 * }
 * }</pre>
 */
public final class JdeepaasRuntime implements BeforeAllCallback, AfterAllCallback, TestWatcher {

    private final Set<String> models;
    private UnaryOperator<RuntimeConfig.Builder> adjust = b -> b;
    private Server server;
    private RuntimeClient client;
    private Path dataDir;
    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
    private OutputStreamAppender<ILoggingEvent> capture;

    private JdeepaasRuntime(Set<String> models) {
        this.models = models;
    }

    /**
     * @param models the names of the models to serve
     * @return the extension, to register with {@code @RegisterExtension} on a static field
     */
    public static JdeepaasRuntime serving(String... models) {
        return new JdeepaasRuntime(Set.of(models));
    }

    /**
     * @param change adjusts the configuration (a module path, settings, workers...)
     * @return this extension
     */
    public JdeepaasRuntime configure(UnaryOperator<RuntimeConfig.Builder> change) {
        UnaryOperator<RuntimeConfig.Builder> before = adjust;
        adjust = b -> change.apply(before.apply(b));
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        captureLog();
        dataDir = Files.createTempDirectory("jdeepaas-test");
        RuntimeConfig config = adjust.apply(RuntimeConfig.builder(dataDir).listenIp("127.0.0.1").listenPort(0)
                .device("cpu").engineCacheDir(engineCache()).modelNames(models)).build();
        server = Server.start(config);
        server.awaitWarm(Duration.ofMinutes(5));
        client = new RuntimeClient("http://127.0.0.1:" + server.port() + config.basePath());
    }

    /** The engine libraries are extracted once per build folder, not once per test class. */
    private static Path engineCache() {
        String configured = System.getProperty("jdeepaas.engine-cache", System.getenv("DEEPAAS_ENGINE_CACHE"));
        return configured != null ? Path.of(configured) : Path.of("target", "jdeepaas-engines").toAbsolutePath();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) {
            server.close();
        }
        restoreLog();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        synchronized (log) {
            System.err.println("---- jDEEPaaS runtime log (" + context.getDisplayName() + " failed) ----");
            System.err.print(log.toString(StandardCharsets.UTF_8));
            System.err.println("---- end of the runtime log ----");
        }
    }

    /** @return the client of the running runtime */
    public RuntimeClient client() {
        if (client == null) {
            throw new IllegalStateException("the runtime is not started: register the extension on a static field");
        }
        return client;
    }

    /** @return the runtime itself, for what the client does not offer */
    public Server server() {
        return server;
    }

    /** @return the runtime's data folder (trainings, artifacts) */
    public Path dataDir() {
        return dataDir;
    }

    private void captureLog() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logging)) {
            return;
        }
        Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            detached.add(it.next());
        }
        detached.forEach(root::detachAppender);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(logging);
        encoder.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n");
        encoder.start();
        capture = new OutputStreamAppender<>();
        capture.setContext(logging);
        capture.setEncoder(encoder);
        capture.setOutputStream(log);
        capture.start();
        root.addAppender(capture);
    }

    private void restoreLog() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext logging) || capture == null) {
            return;
        }
        Logger root = logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(capture);
        capture.stop();
        detached.forEach(root::addAppender);
        detached.clear();
        try {
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
