package io.jdeepaas.examples.demo;

import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ArgumentType;
import io.jdeepaas.spi.BinaryResult;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelName;
import io.jdeepaas.spi.ModelMetadata;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.TrainingCancelledException;
import io.jdeepaas.spi.TrainingContext;
import io.jdeepaas.spi.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The demo model, the fixture of the runtime's API tests. It has no weights; it shows what the
 * runtime hands a module.
 *
 * <p>Predict echoes its arguments. With {@code application/json} it returns a map of the present
 * arguments in declaration order, a {@code types} map naming each value's Java type, and for the
 * attachment its {@code name}, {@code content_type}, {@code size} and {@code sha256}. With
 * {@code image/png} it draws a bar chart of {@code numbers} ({@link DemoChart}); with
 * {@code application/zip} it returns {@code args.json} and the attachment ({@link DemoArchive}).
 *
 * <p>Train runs {@code epochs} fake epochs of {@code sleep} seconds each, reports progress, a loss
 * of {@code 1/epoch} and a log line per epoch, writes {@code model.txt} into the output folder and
 * returns {@code {"epochs": n, "final_loss": loss}}. With {@code fail=true} it throws at the end
 * of epoch 2 (so a one-epoch training still succeeds). Cancellation is noticed within one 50 ms
 * slice of the sleep.
 */
@ModelName("demo")
public final class DemoModel implements ModelEntryPoint {

    /** The JSON response type, the default. */
    static final String JSON = "application/json";
    /** The chart response type. */
    static final String PNG = "image/png";
    /** The archive response type. */
    static final String ZIP = "application/zip";

    private static final long SLICE_NANOS = 50_000_000L;

    private static final List<Argument> PREDICT_ARGUMENTS = List.of(
            Argument.string("text").required().description("Any text; echoed back and used as the chart title"),
            Argument.integer("number").range(1, 100).defaultValue(50).description("A whole number from 1 to 100"),
            Argument.number("ratio").description("Any decimal number"),
            Argument.bool("flag").description("A yes/no switch"),
            Argument.string("choice").allowedValues("a", "b", "c").defaultValue("a")
                    .description("One of a, b or c"),
            Argument.list("numbers", ArgumentType.NUMBER).length(0, 1000)
                    .description("Numbers to echo and to chart as bars (at most 1000)"),
            Argument.file("attachment").description("Any file; described in JSON and packed into the zip"));

    private static final List<Argument> TRAIN_ARGUMENTS = List.of(
            Argument.integer("epochs").min(1).defaultValue(3).description("How many fake epochs to run"),
            Argument.number("sleep").min(0).defaultValue(1.0).description("Seconds each epoch sleeps"),
            Argument.bool("fail").defaultValue(false).description("Fail in epoch 2, to test error handling"));

    /** Creates the model; it needs no warming. */
    public DemoModel() {
    }


    /** Documents the training result in the OpenAPI document: how many epochs ran and the last loss. */
    @Override
    public Optional<Map<String, Object>> trainResultSchema() {
        return Optional.of(Map.of("type", "object", "required", List.of("epochs", "final_loss"), "properties", Map.of(
                "epochs", Map.of("type", "integer", "description", "How many epochs ran"),
                "final_loss", Map.of("type", "number", "description", "The loss after the last epoch"))));
    }

    @Override
    public ModelMetadata metadata() {
        return ModelMetadata.describe("Demo model: echoes its arguments as JSON, a PNG chart or a zip, and trains a fake loss")
                .version("1.0.0")
                .author("jDEEPaaS developers")
                .license("Apache-2.0")
                .url("https://github.com/ai4os/ai4os-demo-app");
    }

    @Override
    public List<Argument> predictArguments() {
        return PREDICT_ARGUMENTS;
    }

    @Override
    public List<String> responseTypes() {
        return List.of(JSON, PNG, ZIP);
    }

    @Override
    public Object predict(PredictRequest request) throws IOException {
        Map<String, Object> echo = echo(request);
        return switch (request.responseType()) {
            case JSON -> echo;
            case PNG -> new BinaryResult(PNG, DemoChart.render(request.string("text"),
                    request.list("numbers", Double.class)), "demo.png");
            case ZIP -> new BinaryResult(ZIP, DemoArchive.zip(DemoJson.write(echo), request.file("attachment")),
                    "demo.zip");
            default -> throw new IllegalArgumentException("demo cannot answer " + request.responseType());
        };
    }

    @Override
    public List<Argument> trainArguments() {
        return TRAIN_ARGUMENTS;
    }

    @Override
    public Object train(TrainRequest request, TrainingContext context) throws Exception {
        long epochs = request.longValue("epochs");
        double sleepSeconds = request.number("sleep");
        boolean fail = request.bool("fail");
        double loss = Double.NaN;
        for (long epoch = 1; epoch <= epochs; epoch++) {
            context.throwIfCancelled();
            sleep(sleepSeconds, context);
            if (fail && epoch == 2) {
                throw new RuntimeException("demo training failed in epoch 2 as requested");
            }
            loss = 1.0 / epoch;
            context.progress(epoch, epochs);
            context.metrics(epoch, Map.of("loss", loss));
            context.log(String.format(Locale.ROOT, "epoch %d/%d loss=%.4f", epoch, epochs, loss));
        }
        Files.createDirectories(context.outputDir());
        Files.writeString(context.outputDir().resolve("model.txt"),
                "epochs=" + epochs + "\nfinal_loss=" + loss + "\n", StandardCharsets.UTF_8);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("epochs", epochs);
        result.put("final_loss", loss);
        return result;
    }

    /** The present arguments in declaration order, files described, plus their Java types. */
    private static Map<String, Object> echo(PredictRequest request) throws IOException {
        Map<String, Object> echo = new LinkedHashMap<>();
        Map<String, Object> types = new LinkedHashMap<>();
        for (Argument argument : PREDICT_ARGUMENTS) {
            Object value = request.values().get(argument.name());
            if (value == null) {
                continue;
            }
            echo.put(argument.name(), value instanceof UploadedFile file ? describe(file) : value);
            types.put(argument.name(), typeName(value));
        }
        echo.put("types", types);
        return echo;
    }

    private static Map<String, Object> describe(UploadedFile file) throws IOException {
        Map<String, Object> described = new LinkedHashMap<>();
        described.put("name", file.originalName());
        described.put("content_type", file.contentType());
        described.put("size", file.size());
        described.put("sha256", sha256(file));
        return described;
    }

    private static String typeName(Object value) {
        if (value instanceof List<?> list) {
            return list.isEmpty() ? "List" : "List<" + list.get(0).getClass().getSimpleName() + ">";
        }
        return value.getClass().getSimpleName();
    }

    private static String sha256(UploadedFile file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        try (InputStream in = file.open()) {
            byte[] buffer = new byte[8192];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * Sleeps in slices, checking for cancellation after each. An interrupt that is not a
     * cancellation (e.g. the runtime stopping) propagates as it is.
     */
    private static void sleep(double seconds, TrainingContext context)
            throws TrainingCancelledException, InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            long slice = Math.min(left, SLICE_NANOS);
            try {
                Thread.sleep(slice / 1_000_000L, (int) (slice % 1_000_000L));
            } catch (InterruptedException e) {
                if (context.cancelled()) {
                    Thread.currentThread().interrupt();
                    throw new TrainingCancelledException();
                }
                throw e;
            }
            context.throwIfCancelled();
        }
    }
}
