package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.Server;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar deepaas-runtime.jar [flags]}: serves the discovered models until stopped. */
@Command(name = "deepaas-runtime", mixinStandardHelpOptions = true, version = "jDEEPaaS 0.1.0",
        description = "Serves machine-learning models over the DEEPaaS v2 API.",
        subcommands = {PredictCommand.class, TrainCommand.class, MetadataCommand.class, OpenApiCommand.class,
                KeysCommand.class, VersionsCommand.class, PrepareEnginesCommand.class})
public final class Main implements Callable<Integer> {

    @Mixin
    ServerOptions options = new ServerOptions();

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show the runtime's log and the stack trace of an error.")
    boolean debug;

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new CliErrors());
        cli.setExecutionStrategy(parsed -> {
            var level = CliLogging.configure(parsed);
            try {
                return new CommandLine.RunLast().execute(parsed);
            } finally {
                CliLogging.restore(level);
            }
        });
        return cli;
    }

    @Option(names = "--exit-when-ready", hidden = true,
            description = "Start, wait until every model is warm, then stop: the build's run that records the classes"
                    + " a start-up loads into the class-data archive (deepaas-runtime.jsa).")
    boolean exitWhenReady;

    @Override
    public Integer call() throws Exception {
        Server server = Server.start(options.toConfig());
        if (exitWhenReady) {
            try (server) {
                server.awaitWarm(Duration.ofMinutes(5));
            }
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
