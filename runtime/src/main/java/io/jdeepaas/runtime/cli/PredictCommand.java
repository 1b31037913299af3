package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.runtime.args.RawArguments;
import io.jdeepaas.runtime.json.Json;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.spi.BinaryResult;
import io.jdeepaas.spi.PredictRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code predict --model-name M --arg k=v ...}: one prediction in this process, printed as JSON. */
@Command(name = "predict", mixinStandardHelpOptions = true, description = "Runs one prediction locally and prints it.")
final class PredictCommand implements Callable<Integer> {

    @Mixin
    ModuleOptions modules = new ModuleOptions();

    @Mixin
    LocalArguments arguments = new LocalArguments();

    @Option(names = "--accept", description = "The response media type, e.g. image/png.")
    String accept;

    @Option(names = "--output", description = "Write a binary answer to this file instead of standard output.")
    Path output;

    @Override
    public Integer call() throws Exception {
        var json = Json.mapper();
        ModelHandle model = new LocalModels(modules.toConfig()).single();
        RawArguments raw = arguments.raw();
        String type = accept != null ? accept : model.module().responseTypes().get(0);
        Map<String, Object> values = new ArgumentParser(json).parse(model.module().predictArguments(), raw);
        Object result = model.wrapper().predict(new PredictRequest(values, type));
        if (result instanceof BinaryResult binary) {
            if (output != null) {
                Files.write(output, binary.body());
                System.err.println("wrote " + binary.body().length + " bytes of " + binary.mediaType() + " to " + output);
            } else {
                System.out.write(binary.body());
                System.out.flush();
            }
            return 0;
        }
        if (result instanceof com.fasterxml.jackson.databind.util.RawValue written) {
            result = json.readTree(String.valueOf(written.rawValue())); // the checked JSON, printed for people
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "OK");
        body.put("predictions", result);
        System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(
                model.module().responseSchema().isPresent() ? result : body));
        return 0;
    }
}
