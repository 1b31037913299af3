package io.jdeepaas.runtime.training.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.VersionToLoad;
import io.jdeepaas.runtime.training.RunningTraining;
import io.jdeepaas.runtime.training.TrainingKilledException;
import io.jdeepaas.runtime.training.TrainingRunner;
import io.jdeepaas.spi.TrainingCancelledException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --train-isolation process}: runs each training in a child JVM ({@link TrainingWorkerMain})
 * started with this JVM's java binary, classpath, module path and system properties, and supervises
 * it from the worker thread:
 *
 * <ul>
 *   <li>what the child reports (progress, metrics, log lines) is stored through the
 *       {@link RunningTraining}, exactly as in thread mode;</li>
 *   <li>a cancel is sent to the child (its {@code cancelled()} turns true, and its training thread is
 *       interrupted when the runtime interrupts); if the child is still alive {@code cancelGrace}
 *       after the cancel, it is killed ({@link Process#destroyForcibly()}) and the training ends
 *       {@code cancelled};</li>
 *   <li>a child that ends without a final message ({@code System.exit}, a native crash, a kill) ends
 *       the training as {@code error}, with a message naming the exit code or signal; a JVM crash
 *       report goes to the training's folder.</li>
 * </ul>
 * The child's own stdout and stderr are relayed to this runtime's log, line by line; they never
 * mix with the protocol, which runs over a loopback socket.
 */
public final class ProcessTrainingRunner implements TrainingRunner, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessTrainingRunner.class);
    static final long TICK_MILLIS = 50;

    private final RuntimeConfig config;
    private final ObjectMapper json;
    private final Duration cancelGrace;
    private final Duration startTimeout;
    private final List<String> javaCommand;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    /**
     * @param config the runtime's configuration (data folder, module path, settings, cancel grace)
     * @param json the mapper for messages
     */
    public ProcessTrainingRunner(RuntimeConfig config, ObjectMapper json) {
        this.config = config;
        this.json = json;
        this.cancelGrace = config.cancelGrace();
        this.startTimeout = Duration.ofMinutes(2);
        this.javaCommand = javaCommand();
    }

    @Override
    public Object train(ModelHandle model, RunningTraining training) throws Exception {
        String token = HexFormat.of().formatHex(random.generateSeed(16));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout((int) TICK_MILLIS);
            List<String> command = new ArrayList<>(javaCommand);
            command.add(1, "-XX:ErrorFile=" + training.folder().resolve("hs_err_pid%p.log"));
            command.add(2, "-XX:-CreateCoredumpOnCrash");
            command.addAll(List.of(TrainingWorkerMain.class.getName(), String.valueOf(server.getLocalPort()), token));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            live.add(process);
            LOG.info("model={} training={} started in process {}", model.name(), training.trainingId(), process.pid());
            relayOutput(process, model.name(), training.trainingId());
            try {
                return supervise(model, training, server, token, process);
            } finally {
                process.destroyForcibly();
                live.remove(process);
            }
        }
    }

    private Object supervise(ModelHandle model, RunningTraining training, ServerSocket server, String token,
                             Process process) throws Exception {
        Supervision watch = new Supervision(training, process);
        WorkerChannel channel = null;
        long deadline = System.nanoTime() + startTimeout.toNanos();
        while (channel == null) {
            watch.tick(null);
            if (!process.isAlive()) {
                throw new TrainingProcessException(exitMessage(process.exitValue(), training) + " before it started");
            }
            if (System.nanoTime() > deadline) {
                throw new TrainingProcessException("the training process did not connect within "
                        + startTimeout.toSeconds() + " s");
            }
            try {
                Socket socket = server.accept();
                socket.setSoTimeout(10_000);
                WorkerChannel candidate = new WorkerChannel(socket, json);
                if (token.equals(candidate.readLine())) {
                    socket.setSoTimeout(0);
                    channel = candidate;
                } else {
                    candidate.close();
                }
            } catch (SocketTimeoutException notYet) {
                // keep watching
            }
        }
        try (WorkerChannel open = channel) {
            ObjectNode start = open.message("start");
            start.set("spec", json.valueToTree(spec(model, training)));
            open.send(start);
            ChildReports reports = new ChildReports(open, training, json);
            reports.start();
            while (reports.outcome() == null && process.isAlive()) {
                watch.tick(open);
                pause(() -> Thread.sleep(TICK_MILLIS));
            }
            if (reports.outcome() == null) {
                reports.drain(); // what the child sent before it ended is read and stored to its end
            }
            JsonNode last = reports.outcome();
            if (last == null) {
                if (watch.killed) {
                    throw new TrainingKilledException("cancelled by request; the training did not stop within the "
                            + cancelGrace.toMillis() / 1000.0 + " s grace period (--cancel-grace) and its process was killed");
                }
                pause(() -> process.waitFor(5, TimeUnit.SECONDS));
                throw new TrainingProcessException(exitMessage(process.isAlive() ? -1 : process.exitValue(), training));
            }
            pause(() -> process.waitFor(5, TimeUnit.SECONDS));
            if (last.path("type").asText().equals("result")) {
                JsonNode result = last.get("result");
                return result == null || result.isNull() ? null : json.treeToValue(result, Object.class);
            }
            if (last.path("cancelled").asBoolean()) {
                throw new TrainingCancelledException();
            }
            throw new TrainingProcessException(last.path("message").asText());
        }
    }

    interface Wait {
        void run() throws InterruptedException;
    }

    /** Waits; an interrupt (a cancel's nudge, or the runtime stopping) is kept for the next tick to handle. */
    static void pause(Wait wait) {
        try {
            wait.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** What the worker thread checks every tick: cancellation, the grace period, interrupts, shutdown. */
    private final class Supervision {
        private final RunningTraining training;
        private final Process process;
        private long cancelledAt = -1;
        private boolean cancelSent;
        private boolean killed;

        Supervision(RunningTraining training, Process process) {
            this.training = training;
            this.process = process;
        }

        void tick(WorkerChannel channel) throws Exception {
            if (training.ended()) { // the runtime is stopping and has recorded the training as interrupted
                process.destroyForcibly();
                throw new InterruptedException("the runtime is stopping");
            }
            if (Thread.interrupted()) {
                if (!training.cancelled()) {
                    process.destroyForcibly();
                    throw new InterruptedException("the runtime is stopping");
                }
                send(channel, "interrupt");
            }
            if (training.cancelled()) {
                if (cancelledAt < 0) {
                    cancelledAt = System.nanoTime();
                }
                if (channel != null && !cancelSent) {
                    send(channel, "cancel");
                    cancelSent = true;
                    LOG.info("training={} cancel sent to process {}", training.trainingId(), process.pid());
                }
                if (!killed && System.nanoTime() - cancelledAt > cancelGrace.toNanos() && process.isAlive()) {
                    LOG.warn("training={} did not stop within {} s of its cancel: killing process {}",
                            training.trainingId(), cancelGrace.toMillis() / 1000.0, process.pid());
                    killed = true;
                    process.destroyForcibly();
                }
            }
        }

        private void send(WorkerChannel channel, String type) {
            if (channel == null) {
                return;
            }
            try {
                channel.send(channel.message(type));
            } catch (IOException e) {
                // the child is ending; its exit is handled by the caller
            }
        }
    }

    private WorkerSpec spec(ModelHandle model, RunningTraining training) {
        VersionToLoad served = model.wrapper().loaded();
        return new WorkerSpec(model.name(), training.trainingId(), training.args(), training.inputDir().toString(),
                training.outputDir().toString(), config.dataDir().toString(), config.engineCacheDir().toString(),
                config.modulePath().stream().map(Path::toString).toList(),
                training.device() == null ? config.deviceFor(model.name()) : training.device().toString(),
                config.settings(), config.modelSettings(), served.id(),
                served.dir() == null ? null : served.dir().toString());
    }

    /** Relays the child's stdout and stderr to this runtime's log. */
    private static void relayOutput(Process process, String model, String uuid) {
        Logger log = LoggerFactory.getLogger("training.process");
        Thread relay = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    log.info("model={} training={} | {}", model, uuid, line);
                }
            } catch (IOException e) {
                // the child is gone
            }
        }, "training-output-" + uuid);
        relay.setDaemon(true);
        relay.start();
    }

    /**
     * @return why a child ended without reporting: a JVM crash (with the signal from its crash report,
     *     kept in the training's folder), the signal that killed it, or its exit code
     */
    static String exitMessage(int code, RunningTraining training) {
        if (code == -1) {
            return "the training process did not report a result and did not exit";
        }
        Optional<Path> report;
        try (var files = Files.list(training.folder())) {
            report = files.filter(f -> f.getFileName().toString().startsWith("hs_err_pid")).findFirst();
        } catch (IOException e) {
            report = Optional.empty();
        }
        if (report.isPresent()) {
            return "the training process crashed" + crashCause(report.get()) + " (exit code " + code
                    + "); the JVM crash report is " + report.get();
        }
        if (code > 128 && code < 128 + 65) {
            int signal = code - 128;
            return "the training process was killed by signal " + signal + signalName(signal) + " (exit code " + code
                    + ")";
        }
        return "the training process exited with code " + code + " before reporting a result";
    }

    /** @return e.g. {@code ": SIGSEGV (0xb) at pc=0x..."}, read from the crash report's header */
    private static String crashCause(Path report) {
        try (var lines = Files.lines(report, StandardCharsets.ISO_8859_1)) {
            return lines.limit(20).map(String::strip).filter(l -> l.startsWith("#  SIG") || l.startsWith("#  EXCEPTION")
                    || l.startsWith("#  Internal Error")).findFirst().map(l -> ": " + l.substring(1).strip()
                    .replaceAll(",? pid=\\d+, tid=\\d+", "")).orElse("");
        } catch (IOException | java.io.UncheckedIOException e) {
            return "";
        }
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 1 -> " (SIGHUP)";
            case 2 -> " (SIGINT)";
            case 4 -> " (SIGILL)";
            case 6 -> " (SIGABRT, e.g. a native crash)";
            case 7 -> " (SIGBUS)";
            case 8 -> " (SIGFPE)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }

    /** @return java binary, JVM options worth keeping, classpath and module path of this JVM */
    private static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (keep(option)) {
                command.add(option);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isBlank()) {
            command.add("--module-path");
            command.add(modulePath);
        }
        if (System.getProperty("ai.djl.offline") == null) {
            command.add("-Dai.djl.offline=true");
        }
        return command;
    }

    /** Keeps memory, property and access options; drops agents, debuggers and crash-file settings. */
    private static boolean keep(String option) {
        return (option.startsWith("-D") || option.startsWith("-X") || option.startsWith("--add-")
                || option.startsWith("--enable-native-access"))
                && !option.startsWith("-Xrunjdwp") && !option.startsWith("-Xdebug") && !option.startsWith("-XX:ErrorFile")
                && !option.startsWith("-Djava.class.path") && !option.startsWith("-Djdk.module.path");
    }

    /** Kills every child still running (the runtime is stopping). */
    @Override
    public void close() {
        live.forEach(Process::destroyForcibly);
    }
}
