package io.jdeepaas.runtime.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The log of the local subcommands ({@code predict}, {@code train}, {@code metadata},
 * {@code openapi}): silent, so that their output is what they print, unless {@code --debug} asks for
 * the runtime's log (at DEBUG) and stack traces. The server keeps its log as configured.
 */
final class CliLogging {

    private CliLogging() {
    }

    /**
     * Sets the log level for the command about to run.
     *
     * @return the level before, to put back when the command has run
     */
    static Level configure(CommandLine.ParseResult parsed) {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level before = root.getLevel();
        if (debug(parsed)) {
            root.setLevel(Level.DEBUG);
        } else if (parsed.hasSubcommand()) {
            root.setLevel(Level.OFF);
        }
        return before;
    }

    /** Puts back the level {@link #configure} found. */
    static void restore(Level level) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
    }

    /** @return whether {@code --debug} was given, on the command or its subcommand */
    static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
