package io.jdeepaas.testkit.echo;

import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ModelEntryPoint;
import io.jdeepaas.spi.ModelMetadata;
import io.jdeepaas.spi.PredictRequest;
import io.jdeepaas.spi.TrainRequest;
import io.jdeepaas.spi.TrainingContext;
import io.jdeepaas.spi.WarmContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A module as its author writes it: repeats text, and "trains" by counting epochs; a training given
 * a {@code suffix} saves it as its model, and a version made that way appends it to every echo.
 */
public final class Echo implements ModelEntryPoint {

    private static final String SUFFIX_FILE = "suffix.txt";

    private volatile String suffix = "";

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public ModelMetadata metadata() {
        return ModelMetadata.describe("Repeats the text it is given").version("1.0");
    }

    @Override
    public void warm(WarmContext context) throws Exception {
        Path saved = context.modelVersion().map(v -> v.dir().resolve(SUFFIX_FILE)).orElse(null);
        suffix = saved == null ? "" : Files.readString(saved, StandardCharsets.UTF_8);
    }

    @Override
    public List<Argument> predictArguments() {
        return List.of(Argument.string("text").required(), Argument.integer("times").range(1, 10).defaultValue(1));
    }

    @Override
    public Object predict(PredictRequest in) {
        return Map.of("echo", in.string("text").repeat(in.integer("times")) + suffix);
    }

    @Override
    public List<Argument> trainArguments() {
        return List.of(Argument.integer("epochs").min(1).defaultValue(2), Argument.integer("sleep_ms").min(0)
                .defaultValue(0), Argument.string("suffix").defaultValue(""));
    }

    @Override
    public Object train(TrainRequest request, TrainingContext context) throws Exception {
        int epochs = request.integer("epochs");
        for (int epoch = 1; epoch <= epochs; epoch++) {
            context.throwIfCancelled();
            Thread.sleep(request.longValue("sleep_ms"));
            context.progress(epoch, epochs);
            context.metrics(epoch, Map.of("loss", 1.0 / epoch));
            context.log("epoch " + epoch);
        }
        String trained = request.string("suffix");
        if (!trained.isEmpty()) {
            Files.writeString(context.modelDir().resolve(SUFFIX_FILE), trained, StandardCharsets.UTF_8);
        }
        return Map.of("epochs", epochs);
    }
}
