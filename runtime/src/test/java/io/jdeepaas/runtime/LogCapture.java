package io.jdeepaas.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects what the runtime logs at WARN and above (the level {@code logback-test.xml} lets through),
 * from every logger, while it is open.
 */
public final class LogCapture implements AutoCloseable {

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private LogCapture() {
        appender.setName("capture-" + System.identityHashCode(this));
        appender.start();
        root.addAppender(appender);
    }

    /** @return a capture, collecting from now on */
    public static LogCapture start() {
        return new LogCapture();
    }

    /** @return every WARN and ERROR logged so far, as {@code LEVEL logger - message} lines */
    public synchronized List<String> warnings() {
        return List.copyOf(appender.list).stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + " [" + e.getThreadName() + "] - "
                        + e.getFormattedMessage()).toList();
    }

    @Override
    public void close() {
        root.detachAppender(appender);
        appender.stop();
    }
}
