package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.Server;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.bridge.SLF4JBridgeHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code java -jar deepaas-runtime.jar [flags]}: serves the discovered models until stopped. */
@Command(name = "deepaas-runtime", mixinStandardHelpOptions = true, version = "jDEEPaaS 0.1.0",
        description = "Serves machine-learning models over the DEEPaaS v2 API.")
public final class Main implements Callable<Integer> {

    /** The subcommands, in the order the help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(PredictCommand.class, TrainCommand.class,
            MetadataCommand.class, OpenApiCommand.class, KeysCommand.class, VersionsCommand.class,
            PrepareEnginesCommand.class);

    @Mixin
    ServerOptions options = new ServerOptions();

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        System.exit(commandLine(args).execute(args));
    }

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show the runtime's log and the stack trace of an error.")
    boolean debug;

    /** @return the whole command line, every subcommand included */
    static CommandLine commandLine() {
        return commandLine(new String[] {"--help"});
    }

    /**
     * @param args the arguments it is for
     * @return the command line for them: without its subcommands when they only start the server, since
     *         picocli's reflection over every subcommand costs a tenth of the server's start-up
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        if (!startsTheServer(args)) {
            SUBCOMMANDS.forEach(cli::addSubcommand);
        }
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

    /**
     * @return whether the arguments can only mean serving: no subcommand named, no help or version asked
     *         for, no {@code @file} (which could name a subcommand)
     */
    static boolean startsTheServer(String[] args) {
        Set<String> others = new HashSet<>(Set.of("-h", "--help", "-V", "--version", "help"));
        SUBCOMMANDS.forEach(c -> others.add(c.getAnnotation(Command.class).name()));
        for (String arg : args) {
            if (others.contains(arg) || arg.startsWith("@")) {
                return false;
            }
        }
        return args.length == 0 || args[0].startsWith("-");
    }

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
