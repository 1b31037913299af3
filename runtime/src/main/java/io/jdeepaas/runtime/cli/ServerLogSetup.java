package io.jdeepaas.runtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The runtime's log, set up in code (found by logback through {@code META-INF/services}) rather
 * than from an XML file, whose parsing cost a tenth of the start-up: one line per event on standard
 * error, at the level {@code DEEPAAS_LOG_LEVEL} names (environment or system property, default
 * {@code INFO}), with the chatty libraries (Jetty, Javalin, DJL) at WARN. A file given with
 * {@code -Dlogback.configurationFile=...}, or a {@code logback-test.xml} on the class path, is
 * used instead.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class ServerLogSetup extends ContextAwareBase implements Configurator {

    private static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || ServerLogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(level(), Level.INFO));
        root.addAppender(stderr);
        context.getLogger("org.eclipse.jetty").setLevel(Level.WARN);
        context.getLogger("io.javalin").setLevel(Level.WARN);
        context.getLogger("ai.djl").setLevel(Level.WARN);
        // the CUDA probe on a machine without a GPU: expected, not actionable
        context.getLogger("ai.djl.util.cuda.CudaUtils").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static String level() {
        String property = System.getProperty("DEEPAAS_LOG_LEVEL");
        return property != null ? property : System.getenv("DEEPAAS_LOG_LEVEL");
    }
}
