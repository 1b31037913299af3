package io.jdeepaas.examples.iris;

import ai.djl.Device;
import ai.djl.Model;
import io.jdeepaas.examples.djl.DjlDevices;
import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.InvalidArgumentException;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelName;
import io.jdeepaas.spi.ModelVersion;
import io.jdeepaas.spi.ModelMetadata;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.Tensor;
import io.jdeepaas.spi.TensorSpec;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.TrainingContext;
import io.jdeepaas.spi.WarmContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Classifies iris flowers from four measurements with a small multilayer perceptron on DJL's
 * PyTorch engine, and trains it on Fisher's Iris data set.
 *
 * <p>Warm loads the model version the runtime names ({@link WarmContext#modelVersion()}); for the
 * module's own version ({@code 1}) it loads the initial weights shipped in the jar (trained by this
 * module's own code with the default settings and seed), or, if a build lacks them, trains them
 * right there, once. A training saves its weights into {@link TrainingContext#modelDir()}: the
 * runtime keeps them as a new version and decides when it is served. With {@code warm_start} a
 * training continues the weights served (the production version, in either training isolation)
 * instead of starting from seeded ones. Answers and metadata name the training that made the
 * weights served.
 */
@ModelName("iris")
public final class Iris implements ModelEntryPoint {

    /** The id of the weights built on first start. */
    public static final String INITIAL = "initial";

    /** The train argument that starts from the served weights. */
    static final String WARM_START = "warm_start";

    private final AtomicReference<ServedIris> served = new AtomicReference<>();
    private final boolean installShipped;
    private volatile Path dataDir;
    private volatile System.Logger logger = System.getLogger(Iris.class.getName());

    /** The module as the runtime loads it: first start installs the shipped initial weights. */
    public Iris() {
        this(true);
    }

    /** @param installShipped false to train the initial weights on first start, as a build without them would */
    Iris(boolean installShipped) {
        this.installShipped = installShipped;
    }


    @Override
    public ModelMetadata metadata() {
        ModelMetadata metadata = ModelMetadata.describe("Classifies iris flowers (setosa, versicolor, virginica)"
                        + " from sepal and petal measurements with a multilayer perceptron")
                .version("1.0")
                .author("jDEEPaaS")
                .license("Apache-2.0")
                .extra("dataset", "Fisher's Iris data set, 150 flowers, 30 held out for validation")
                .extra("classes", IrisData.SPECIES);
        ServedIris current = served.get();
        if (current != null) {
            metadata = metadata.extra("weights", current.descriptor().id())
                    .extra("weights_metrics", current.descriptor().metrics());
        }
        return metadata;
    }

    @Override
    public Optional<String> engine() {
        return Optional.of("PyTorch");
    }

    @Override
    public void warm(WarmContext context) throws Exception {
        logger = context.logger();
        dataDir = context.dataDir();
        Device device = DjlDevices.of(context.device());
        Path weights = context.modelVersion().map(ModelVersion::dir).orElse(null);
        if (weights == null) {
            weights = IrisWeights.initial(dataDir);
        }
        if (weights == null && installShipped) {
            weights = IrisWeights.installShipped(dataDir);
        }
        if (weights == null) {
            logger.log(System.Logger.Level.INFO, "no initial weights yet: training them");
            Path initial = Files.createDirectories(dataDir.resolve(IrisWeights.INITIAL_FOLDER));
            swapIn(fitAndSave(IrisSettings.DEFAULTS, device, INITIAL, initial, silently(), null));
        } else {
            swapIn(new ServedIris(IrisWeights.load(weights, device), IrisWeights.describe(weights)));
        }
        logger.log(System.Logger.Level.INFO, "serving weights " + served.get().descriptor().id() + " on " + device);
    }

    @Override
    public List<Argument> predictArguments() {
        return IrisInput.arguments();
    }

    @Override
    public Object predict(PredictRequest request) throws Exception {
        IrisInput input = IrisInput.from(request);
        return withServed(current -> {
            List<Map<String, Object>> answers = new ArrayList<>();
            for (float[] p : current.probabilities(input.rows())) {
                answers.add(answer(p, current.descriptor().id()));
            }
            return input.many() ? answers : answers.get(0);
        });
    }

    @Override
    public List<TensorSpec> inputs() {
        return IrisTensors.INPUTS;
    }

    @Override
    public List<TensorSpec> outputs() {
        return IrisTensors.OUTPUTS;
    }

    @Override
    public boolean batchable() {
        return true;
    }

    @Override
    public List<Tensor> infer(List<Tensor> inputs) throws Exception {
        float[][] rows = IrisTensors.rows(inputs);
        return IrisTensors.outputs(rows.length == 0 ? rows : withServed(current -> current.probabilities(rows)));
    }

    /** Runs work with the weights served now, kept open until it is done even if a training swaps them. */
    private <T> T withServed(ServedWork<T> work) throws Exception {
        while (true) {
            ServedIris current = served.get();
            if (current == null) {
                throw new IllegalStateException("model 'iris' is not warmed");
            }
            if (!current.acquire()) {
                continue; // swapped out and closed meanwhile: read the new one
            }
            try {
                return work.apply(current);
            } finally {
                current.release();
            }
        }
    }

    /** Work done with one set of served weights. */
    private interface ServedWork<T> {
        T apply(ServedIris served) throws Exception;
    }

    @Override
    public List<Argument> trainArguments() {
        List<Argument> arguments = new ArrayList<>(IrisSettings.arguments());
        arguments.add(Argument.bool(WARM_START).defaultValue(false).description("Start from the weights served"
                + " (the production version) instead of new seeded ones; the result's started_from names them"));
        return arguments;
    }

    @Override
    public Object train(TrainRequest request, TrainingContext context) throws Exception {
        IrisSettings settings = IrisSettings.from(request);
        String id = context.trainingId();
        IrisTraining.Observer observer = new IrisTraining.Observer() {
            @Override
            public boolean cancelled() {
                return context.cancelled();
            }

            @Override
            public void epochDone(int epoch, int epochs, Map<String, Double> metrics) {
                context.metrics(epoch, metrics);
                context.progress(epoch, epochs);
            }
        };
        IrisTraining.Start start = request.bool(WARM_START) ? withServed(current -> new IrisTraining.Start(
                current.descriptor().id(), current.descriptor().hiddenUnits(), current.parameterValues())) : null;
        if (start != null && start.hiddenUnits() != settings.hiddenUnits()) {
            throw new InvalidArgumentException("hidden_units", "a warm start continues weights " + start.id()
                    + ", which have " + start.hiddenUnits() + " hidden units; ask for " + start.hiddenUnits());
        }
        ServedIris trained = fitAndSave(settings, DjlDevices.of(context.device()), id, context.modelDir(), observer,
                start);
        trained.retire(); // the runtime serves the saved weights as a new version, when its policy says so
        context.log("weights " + id + " saved as the model");
        Map<String, Object> result = new LinkedHashMap<>(trained.descriptor().metrics());
        result.put("weights", id);
        result.put("epochs", settings.epochs());
        result.put("started_from", start == null ? "seed " + settings.seed() : start.id());
        return result;
    }

    @Override
    public void close() {
        ServedIris last = served.getAndSet(null);
        if (last != null) {
            last.retire();
        }
    }

    private static ServedIris fitAndSave(IrisSettings settings, Device device, String id, Path dir,
                                         IrisTraining.Observer observer, IrisTraining.Start start) throws Exception {
        IrisTraining.Result result = IrisTraining.run(settings, device, observer, start);
        Model model = result.model();
        try {
            IrisWeights.Descriptor descriptor = new IrisWeights.Descriptor(id, settings.hiddenUnits(),
                    result.standardizer(), result.metrics());
            IrisWeights.save(model, descriptor, dir);
            return new ServedIris(model, descriptor);
        } catch (Exception | Error e) {
            model.close();
            throw e;
        }
    }

    private void swapIn(ServedIris next) {
        ServedIris previous = served.getAndSet(next);
        if (previous != null) {
            previous.retire();
        }
    }

    private static Map<String, Object> answer(float[] probabilities, String weights) {
        int best = 0;
        Map<String, Object> byClass = new LinkedHashMap<>();
        for (int k = 0; k < probabilities.length; k++) {
            byClass.put(IrisData.SPECIES.get(k), (double) probabilities[k]);
            if (probabilities[k] > probabilities[best]) {
                best = k;
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("class", IrisData.SPECIES.get(best));
        answer.put("probabilities", byClass);
        answer.put("weights", weights);
        return answer;
    }

    private static IrisTraining.Observer silently() {
        return new IrisTraining.Observer() {
            @Override
            public boolean cancelled() {
                return false;
            }

            @Override
            public void epochDone(int epoch, int epochs, Map<String, Double> metrics) {
            }
        };
    }
}
