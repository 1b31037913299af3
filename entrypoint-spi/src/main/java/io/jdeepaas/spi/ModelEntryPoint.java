package io.jdeepaas.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model served by the runtime under {@code /v2/models/{name}/}.
 *
 * <p>Register an implementation with one line in
 * {@code META-INF/services/io.jdeepaas.spi.ModelEntryPoint}. Only a name ({@link ModelName} or
 * {@link #name()}) and {@link #metadata()} are mandatory; every other method has a default, and a capability a module
 * does not implement is answered {@code 501 Not Implemented} by the runtime. A predict-only module:
 *
 * <pre>{@code
 * @ModelName("echo")
 * public final class Echo implements ModelEntryPoint {
 *     public ModelMetadata metadata() { return ModelMetadata.describe("Repeats the text it is given").version("1.0"); }
 *     public List<Argument> predictArguments() {
 *         return List.of(Argument.string("text").required().description("What to repeat"),
 *                        Argument.integer("times").range(1, 10).defaultValue(1));
 *     }
 *     public Object predict(PredictRequest in) {
 *         return Map.of("echo", in.string("text").repeat(in.integer("times")));
 *     }
 * }
 * }</pre>
 *
 * <p>Threading: {@link #warm} is called once, before any other call. {@link #predict} and
 * {@link #infer} may be called from several threads at once (up to the configured number of workers), and while a
 * training runs; a module whose model is not thread-safe must guard it itself. {@link #train}
 * runs on a training thread and may block for as long as the training lasts.
 */
public interface ModelEntryPoint extends AutoCloseable {

    /**
     * The URL namespace of this model: lower-case letters, digits, {@code .}, {@code _} and
     * {@code -}, starting with a letter or digit. Two modules with the same name are both served as
     * {@code failed}. By default, the class's {@link ModelName} annotation; a class without one
     * implements this method.
     *
     * @return the model name, e.g. {@code "iris"}
     * @throws IllegalStateException when the class neither implements this method nor has a {@link ModelName}
     */
    default String name() {
        ModelName declared = getClass().getAnnotation(ModelName.class);
        if (declared == null) {
            throw new IllegalStateException(getClass().getName()
                    + " has no name: annotate it with @ModelName(\"...\") or implement name()");
        }
        return declared.value();
    }

    /**
     * Human-readable facts about the model; the runtime adds {@code id}, {@code name} and links.
     *
     * @return the metadata, never {@code null}
     */
    ModelMetadata metadata();

    /**
     * The inference engine this model runs on, as DJL names it ({@code "PyTorch"},
     * {@code "TensorFlow"}); the runtime reports it with the engine's version in the model object.
     *
     * @return the engine name, or empty for a model that runs plain Java
     */
    default Optional<String> engine() {
        return Optional.empty();
    }

    /**
     * Loads weights and anything slow, once, before the model serves. An exception here marks the
     * model {@code failed} with the exception's message; the other models serve on.
     *
     * @param context the chosen device, a private data folder, settings and a logger
     * @throws Exception when the model cannot be made ready
     */
    default void warm(WarmContext context) throws Exception {
    }

    /**
     * The arguments {@link #predict} accepts. The runtime parses, converts and validates them
     * before calling {@code predict}, so a module sees only well-typed values.
     *
     * @return the declared arguments, in display order
     */
    default List<Argument> predictArguments() {
        return List.of();
    }

    /**
     * The media types {@link #predict} can answer, the first being the default. The runtime picks
     * one from the request's {@code Accept} header or its {@code accept} argument and passes it as
     * {@link PredictRequest#responseType()}.
     *
     * @return media types such as {@code application/json}, {@code image/png}
     */
    default List<String> responseTypes() {
        return List.of("application/json");
    }

    /**
     * A JSON Schema (as nested maps and lists) of the JSON prediction. When present, the runtime
     * returns the prediction as it is and documents it with this schema; when absent, it wraps the
     * prediction as {@code {"status": "OK", "predictions": ...}}.
     *
     * @return the schema, or empty
     */
    default Optional<Map<String, Object>> responseSchema() {
        return Optional.empty();
    }

    /**
     * Runs one prediction.
     *
     * @param request the validated argument values and the negotiated response type
     * @return a JSON-able value (map, list, record, string, number, boolean) or a
     *     {@link BinaryResult} for a non-JSON response type
     * @throws InvalidArgumentException when a value is well-typed but unusable (answered 422)
     * @throws BadInputException when the input as a whole is unusable (answered 400)
     * @throws Exception any other failure (answered 500 with its message)
     */
    default Object predict(PredictRequest request) throws Exception {
        throw new UnsupportedOperationException("model '" + name() + "' does not predict");
    }

    /**
     * The inputs {@link #infer} expects. The runtime checks every request against them (each
     * declared input present, no other, the declared type and every fixed dimension) and answers
     * 400 otherwise; an empty list accepts any tensors. Published as the Open Inference Protocol's
     * model metadata at {@code GET /v2/models/{name}}.
     *
     * @return the declared inputs, e.g. {@code List.of(TensorSpec.of("input", TensorType.FP32, -1, 4))}
     */
    default List<TensorSpec> inputs() {
        return List.of();
    }

    /**
     * The outputs {@link #infer} returns; a request may ask for some of them by name.
     *
     * @return the declared outputs, e.g. {@code List.of(TensorSpec.of("probabilities", TensorType.FP32, -1, 3))}
     */
    default List<TensorSpec> outputs() {
        return List.of();
    }

    /**
     * The Open Inference Protocol's {@code platform}: the framework and format of the model, such
     * as {@code "pytorch_torchscript"}, {@code "tensorflow_savedmodel"} or {@code "djl_pytorch"}.
     *
     * @return the platform; by default {@code "djl_"} and the engine's name in lower case, or
     *     {@code "java"} for a model without an engine
     */
    default String platform() {
        return engine().map(e -> "djl_" + e.toLowerCase(java.util.Locale.ROOT)).orElse("java");
    }

    /**
     * Runs tensor inference (the Open Inference Protocol's {@code POST /v2/models/{name}/infer}).
     * The inputs have been checked against {@link #inputs()}; return one tensor per output, in any
     * order (the runtime keeps those the request asked for).
     *
     * <pre>{@code
     * public List<Tensor> infer(List<Tensor> inputs) {
     *     Tensor x = inputs.get(0);                  // FP32 [n, 4]
     *     float[] p = model.probabilities(x.floats()); // n * 3 values
     *     return List.of(Tensor.fp32("probabilities", new long[] {x.rows(), 3}, p));
     * }
     * }</pre>
     *
     * @param inputs the request's tensors, in the order of {@link #inputs()} when declared
     * @return the output tensors
     * @throws BadInputException when the tensors cannot be used (answered 400)
     * @throws Exception any other failure (answered 500 with its message)
     */
    default List<Tensor> infer(List<Tensor> inputs) throws Exception {
        throw new UnsupportedOperationException("model '" + name() + "' does not implement tensor inference");
    }

    /**
     * Whether {@link #infer} may be given several requests stacked into one call (dynamic
     * batching, enabled per model with {@code max-batch-size}). Say {@code true} only when every
     * input and output has the rows as its first dimension and each output row depends only on
     * the same input row: the runtime then concatenates concurrent requests along dimension 0
     * (when their other dimensions match), calls {@code infer} once and splits every output by
     * rows back to the callers.
     *
     * @return whether rows are independent; {@code false} by default
     */
    default boolean batchable() {
        return false;
    }

    /**
     * The arguments {@link #train} accepts.
     *
     * @return the declared arguments, in display order
     */
    default List<Argument> trainArguments() {
        return List.of();
    }

    /**
     * A JSON Schema (as nested maps and lists) of the training result, the value {@link #train}
     * returns. When present, the OpenAPI document describes the {@code result} of this model's
     * training records with it (the runtime adds {@code duration}); when absent, the result is any
     * JSON object.
     *
     * @return the schema, or empty
     */
    default Optional<Map<String, Object>> trainResultSchema() {
        return Optional.empty();
    }

    /**
     * Runs one training, on a training thread, for as long as it takes. Report progress and
     * metrics through the context, check {@link TrainingContext#cancelled()} between steps, and
     * write artifacts into {@link TrainingContext#outputDir()}.
     *
     * @param request the validated argument values
     * @param context progress reporting, cancellation and the output folder
     * @return the training result, a JSON-able value (the runtime adds {@code duration})
     * @throws TrainingCancelledException when the training stopped because it was cancelled
     * @throws Exception any other failure (the training ends as {@code error} with its message)
     */
    default Object train(TrainRequest request, TrainingContext context) throws Exception {
        throw new UnsupportedOperationException("model '" + name() + "' does not train");
    }

    /**
     * The versions of its weights the module ships itself, when it ships more than one: each with a
     * whole-number id and the folder of its files, e.g. a model store's numbered subfolders
     * ({@code linear/1/}, {@code linear/2/}, as in Triton's repository layout). The runtime
     * registers each as the version with that id the first time it sees it (an id the model already
     * gave a training or an upload is skipped with a warning), makes the highest one
     * {@code production} when the model has none yet, and under the {@code latest} policy when a
     * higher one appears at a later start; {@link WarmContext#modelVersion()} then names the folder
     * to load. Called at start-up, before {@link #warm}.
     *
     * <pre>{@code
     * public List<ModelVersion> shippedVersions() {
     *     return List.of(new ModelVersion("1", root.resolve("1")), new ModelVersion("2", root.resolve("2")));
     * }
     * }</pre>
     *
     * @return the shipped versions; empty by default: what the module ships is version {@code 1},
     *     and its warm is given no version for it
     */
    default List<ModelVersion> shippedVersions() {
        return List.of();
    }

    /**
     * Releases what {@link #warm} acquired (native memory, files). Called once when the model is
     * unloaded or the runtime stops; no other call follows it.
     *
     * @throws Exception when releasing fails (logged, never fatal)
     */
    @Override
    default void close() throws Exception {
    }
}
