package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.Server;
import io.jdeepaas.runtime.registry.StartupException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code java -jar deepaas-runtime.jar [flags]}: serves the discovered models until stopped. */
@Command(name = "deepaas-runtime", mixinStandardHelpOptions = true, version = "jDEEPaaS 0.1.0",
        description = "Serves machine-learning models over the DEEPaaS v2 API.",
        subcommands = {PredictCommand.class, TrainCommand.class, MetadataCommand.class, OpenApiCommand.class,
            PrepareEnginesCommand.class})
public final class Main implements Callable<Integer> {

    @Mixin
    ServerOptions options = new ServerOptions();

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof StartupException || e instanceof IllegalArgumentException) {
                line.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        Server server = Server.start(options.toConfig());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
