package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.errors.ApiException;
import io.jdeepaas.runtime.registry.StartupException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How the command line reports a failure: one line on standard error, exit code 2 for what the
 * user can fix (a flag, an argument value, a module that cannot be used or found) and 1 for a
 * module that failed while running; the stack trace only with {@code --debug}.
 */
final class CliErrors implements CommandLine.IExecutionExceptionHandler {

    /** The exit code of a user error. */
    static final int USER_ERROR = 2;
    /** The exit code of a failure inside a module or the runtime. */
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine line, CommandLine.ParseResult parsed) {
        PrintWriter err = line.getErr();
        int code = exitCode(e);
        err.println("error: " + message(e));
        if (CliLogging.debug(parsed)) {
            e.printStackTrace(err);
        } else if (code == FAILURE) {
            err.println("(run again with --debug to see the stack trace)");
        }
        err.flush();
        return code;
    }

    static int exitCode(Throwable e) {
        if (e instanceof StartupException || e instanceof IllegalArgumentException
                || e instanceof CommandLine.ParameterException) {
            return USER_ERROR;
        }
        if (e instanceof ApiException api) {
            return api.status() < 500 || api.status() == 501 || api.status() == 503 ? USER_ERROR : FAILURE;
        }
        return FAILURE;
    }

    static String message(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e instanceof ApiException ? "the request failed" : "unexpected " + e.getClass().getSimpleName();
        }
        return message.replace('\n', ' ');
    }
}
