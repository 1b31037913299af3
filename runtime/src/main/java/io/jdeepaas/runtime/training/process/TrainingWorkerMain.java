package io.jdeepaas.runtime.training.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.json.Json;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.registry.ModelWarmer;
import io.jdeepaas.runtime.startup.ModelStartup;
import io.jdeepaas.runtime.training.TrainingArguments;
import io.jdeepaas.spi.Device;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.TrainingCancelledException;
import io.jdeepaas.spi.TrainingContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * A training worker JVM: {@code java -cp <runtime classpath> ...TrainingWorkerMain <port> <token>}.
 * Connects back to the runtime on loopback, receives a {@link WorkerSpec}, discovers the modules,
 * warms only the model to train (on the parent's device), runs {@code train}, reports everything
 * through the {@link WorkerChannel}, and halts. Started by {@link ProcessTrainingRunner}; not meant
 * to be run by hand.
 */
public final class TrainingWorkerMain {

    private static final Logger LOG = LoggerFactory.getLogger(TrainingWorkerMain.class);

    private TrainingWorkerMain() {
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int code;
        try {
            code = run(Integer.parseInt(args[0]), args[1]);
        } catch (Throwable e) {
            LOG.error("the training worker failed: {}", e.toString(), e);
            code = 70;
        }
        // halt: a module's lingering non-daemon threads must not keep the worker alive
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    private static int run(int port, String token) throws Exception {
        ObjectMapper json = Json.mapper();
        WorkerChannel channel = new WorkerChannel(new Socket(InetAddress.getLoopbackAddress(), port), json);
        channel.sendLine(token);
        JsonNode start = channel.read();
        if (start == null || !"start".equals(start.path("type").asText())) {
            throw new IllegalStateException("the runtime sent no start message");
        }
        WorkerSpec spec = json.treeToValue(start.path("spec"), WorkerSpec.class);
        WorkerContext context = new WorkerContext(channel, spec);
        Thread listener = new Thread(() -> listen(channel, context), "parent-listener");
        listener.setDaemon(true);
        listener.start();

        RuntimeConfig config = RuntimeConfig.builder(Path.of(spec.dataDir())).modelNames(Set.of(spec.model()))
                .modulePath(spec.modulePath().stream().map(Path::of).toList()).device(spec.device())
                .engineCacheDir(Path.of(spec.engineCacheDir())).settings(spec.settings())
                .modelSettings(spec.modelSettings()).build();
        ModelHandle model;
        ModelWarmer warmer;
        try {
            ModelStartup models = ModelStartup.prepare(config);
            warmer = models.warmer();
            model = models.warmOne(spec.model(), spec.version()); // what the parent serves, as in thread mode
        } catch (RuntimeException e) {
            fail(channel, "the training process could not load the model: " + message(e), false);
            return 0;
        }
        if (!model.isReady()) {
            fail(channel, "the training process could not load model '" + spec.model() + "': "
                    + model.status().error(), false);
            return 0;
        }
        context.device = model.status().device();
        context.thread = Thread.currentThread();
        try {
            TrainRequest request = TrainingArguments.rebuild(model.module().trainArguments(), spec.args(),
                    Path.of(spec.inputDir()), new ArgumentParser(json));
            Object result = model.wrapper().train(request, context);
            ObjectNode done = channel.message("result");
            done.set("result", json.valueToTree(result));
            channel.send(done);
        } catch (Throwable e) {
            boolean cancelled = context.cancelled || e instanceof TrainingCancelledException;
            if (!cancelled) {
                LOG.error("model={} training={} failed: {}", spec.model(), spec.uuid(), message(e), e);
            }
            fail(channel, message(e), cancelled);
        } finally {
            context.thread = null;
            context.finished = true;
            Thread.interrupted();
            warmer.unload(model);
            channel.close();
        }
        return 0;
    }

    private static void listen(WorkerChannel channel, WorkerContext context) {
        try {
            for (JsonNode message = channel.read(); message != null; message = channel.read()) {
                switch (message.path("type").asText()) {
                    case "cancel" -> context.cancelled = true;
                    case "interrupt" -> {
                        Thread running = context.thread;
                        if (running != null) {
                            running.interrupt();
                        }
                    }
                    default -> LOG.warn("unknown message from the runtime: {}", message);
                }
            }
        } catch (IOException e) {
            // the runtime is gone
        }
        // the socket closed: the runtime stopped or ended this training; a worker never outlives it
        if (!context.finished) {
            Runtime.getRuntime().halt(71);
        }
    }

    private static void fail(WorkerChannel channel, String message, boolean cancelled) throws IOException {
        channel.send(channel.message("failed").put("message", message).put("cancelled", cancelled));
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
    }

    /** The module's training context in the worker: every report goes to the runtime at once. */
    private static final class WorkerContext implements TrainingContext {

        private final WorkerChannel channel;
        private final WorkerSpec spec;
        private volatile boolean cancelled;
        private volatile Thread thread;
        private volatile Device device;
        private volatile boolean finished;

        WorkerContext(WorkerChannel channel, WorkerSpec spec) {
            this.channel = channel;
            this.spec = spec;
        }

        @Override
        public void progress(long step, long total) {
            send(channel.message("progress").put("step", step).put("total", total));
        }

        @Override
        public void metrics(long step, Map<String, Double> metrics) {
            if (metrics == null || metrics.isEmpty()) {
                return;
            }
            ObjectNode message = channel.message("metrics").put("step", step);
            message.set("metrics", channel.json().valueToTree(metrics));
            send(message);
        }

        @Override
        public void log(String line) {
            send(channel.message("log").put("line", line == null ? "" : line));
        }

        @Override
        public boolean cancelled() {
            return cancelled;
        }

        @Override
        public String trainingId() {
            return spec.uuid();
        }

        @Override
        public Path outputDir() {
            return Path.of(spec.outputDir());
        }

        @Override
        public Device device() {
            return device;
        }

        private void send(JsonNode message) {
            try {
                channel.send(message);
            } catch (IOException e) {
                // the runtime is gone: nobody is left to report to
                Runtime.getRuntime().halt(71);
            }
        }
    }
}
