package io.jdeepaas.runtime.openapi;

import io.jdeepaas.runtime.registry.ModelCapabilities;
import io.jdeepaas.spi.Argument;
import io.jdeepaas.spi.ModelEntryPoint;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The paths of one model: its metadata, predict and train when they are served and the model
 * implements them, and the Open Inference Protocol's routes ({@link InferenceProtocolPaths}, infer
 * when it does tensor inference). Each operation is tagged with the model's name and has an id
 * made of the model's name and the operation, e.g. {@code demo_predict}.
 */
final class ModelPaths {

    private static final String QUERY_NOTE = "The server also reads the arguments from the query string, a"
            + " URL-encoded form, a multipart form or a JSON object (a list's items repeated or separated by"
            + " commas); this document offers one encoding so that generated clients send every argument.";

    private ModelPaths() {
    }

    /**
     * @param model a model
     * @param description what the document describes
     * @param components the document's components, which gain the request bodies' schemas
     * @return the model's paths by path (without the base path), in display order
     */
    static Map<String, PathItem> of(ModelEntryPoint model, ApiDescription description, Components components) {
        String name = model.name();
        String root = "/v2/models/" + name + "/";
        Map<String, PathItem> paths = new LinkedHashMap<>();
        paths.put(root, new PathItem().get(metadata(name)));
        if (description.predictEnabled() && ModelCapabilities.predicts(model)) {
            paths.put(root + "predict/", new PathItem().post(predict(model, components)));
        }
        if (description.trainEnabled() && ModelCapabilities.trains(model)) {
            Schema<Object> record = recordSchema(model, components);
            paths.put(root + "train/", new PathItem().post(startTraining(model, record, components))
                    .get(listTrainings(model, record)));
            paths.put(root + "train/{uuid}", new PathItem().get(getTraining(model, record))
                    .delete(cancelTraining(model, record))
                    .addParametersItem(uuidParameter()));
            TrainingPaths.of(name).forEach((path, item) -> paths.put(root + "train/{uuid}/" + path,
                    item.addParametersItem(uuidParameter())));
        }
        if (ModelCapabilities.infers(model)) {
            paths.put("/v2/models/" + name + "/infer", new PathItem().post(InferOperations.infer(model)));
        }
        paths.putAll(InferenceProtocolPaths.model(model));
        if (description.predictEnabled() && ModelCapabilities.predicts(model)) {
            paths.put("/v2/models/" + name + "/versions/{version}/predict/", new PathItem().post(predict(model, components)
                    .operationId(name + "_version_predict").summary("Predict with one version of " + name))
                    .addParametersItem(InferenceProtocolPaths.versionParameter(model)));
        }
        paths.putAll(VersionPaths.of(name));
        return paths;
    }

    private static Operation metadata(String name) {
        return operation(name, "metadata", "The model " + name)
                .description("The model object: its identity, metadata, engine, device and state.")
                .responses(responses(new ApiResponse().description("The model")
                        .content(SharedSchemas.json(SharedSchemas.ref(SharedSchemas.MODEL))), 404));
    }

    private static Operation predict(ModelEntryPoint model, Components components) {
        String text = model.metadata().description() + "\n\n" + QUERY_NOTE;
        if (model.responseTypes().size() > 1) {
            text += " Choose the response's media type with the Accept header or the accept parameter.";
        }
        Operation operation = operation(model.name(), "predict", "Predict with " + model.name())
                .description(text)
                .requestBody(ArgumentSchemas.requestBody(model.name(), "predict", model.predictArguments(), components))
                .responses(withInvalidArguments(responses(PredictResponses.ok(model), 400, 404, 413, 415, 429, 500,
                        501, 503, 504), model.predictArguments()));
        PredictResponses.acceptParameter(model).ifPresent(operation::addParametersItem);
        return operation;
    }

    private static Operation startTraining(ModelEntryPoint model, Schema<Object> record, Components components) {
        ApiResponses responses = new ApiResponses().addApiResponse("200", record(record,
                "The training was queued or started"));
        addErrors(responses, 400, 404, 413, 415, 429, 501, 503);
        withInvalidArguments(responses, model.trainArguments());
        return operation(model.name(), "train_start", "Start a training of " + model.name())
                .description("Starts a training and answers its record at once (status queued or running). "
                        + QUERY_NOTE + " The reserved argument experiment files the training under an experiment"
                        + " and is never passed to the model.")
                .addParametersItem(experimentParameter())
                .requestBody(ArgumentSchemas.requestBody(model.name(), "train", model.trainArguments(), components))
                .responses(responses);
    }

    private static Operation listTrainings(ModelEntryPoint model, Schema<Object> record) {
        String name = model.name();
        Schema<Object> list = new Schema<Object>().type("array").items(record);
        return operation(name, "train_list", "List the trainings of " + name)
                .description("Every training of the model, newest first, optionally filtered.")
                .addParametersItem(experimentParameter())
                .addParametersItem(new Parameter().in("query").name("status").required(false)
                        .description("Only trainings in this status")
                        .schema(new Schema<Object>().type("string")._enum(List.copyOf(SharedSchemas.TRAINING_STATUSES))))
                .responses(responses(new ApiResponse().description("The trainings").content(SharedSchemas.json(list)),
                        404, 501));
    }

    private static Operation getTraining(ModelEntryPoint model, Schema<Object> record) {
        return operation(model.name(), "train_get", "One training of " + model.name())
                .responses(responses(record(record, "The training"), 404));
    }

    private static Operation cancelTraining(ModelEntryPoint model, Schema<Object> record) {
        String name = model.name();
        return operation(name, "train_cancel", "Cancel a training of " + name)
                .description("Asks the training to stop and answers its record, which is kept: status cancelled once"
                        + " it has stopped, cancelling while it is stopping (with --train-isolation process, a"
                        + " training still running --cancel-grace seconds later is killed). With purge=true, removes an ended"
                        + " training's record, metrics, logs and artifacts instead (409 if it has not ended).")
                .addParametersItem(new Parameter().in("query").name("purge").required(false)
                        .description("Remove the ended training and everything it left")
                        .schema(new Schema<Object>().type("boolean")._default(false)))
                .responses(responses(record(record, "The training"), 400, 404, 409));
    }

    /** 422 with this operation's own example; the shared response when the model takes no arguments. */
    private static ApiResponses withInvalidArguments(ApiResponses responses, List<Argument> arguments) {
        responses.addApiResponse("422", arguments.isEmpty() ? SharedSchemas.errorResponse(422)
                : ArgumentExamples.invalidArguments(arguments));
        return sorted(responses);
    }

    /** The responses by status, so that a 422 added last is listed in its place. */
    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses ordered = new ApiResponses();
        responses.keySet().stream().sorted().forEach(status -> ordered.addApiResponse(status, responses.get(status)));
        responses.clear();
        responses.putAll(ordered);
        return responses;
    }

    private static Parameter experimentParameter() {
        return new Parameter().in("query").name("experiment").required(false)
                .description("The experiment's name (reserved; never passed to the model)")
                .schema(new Schema<Object>().type("string").pattern(SharedSchemas.EXPERIMENT_NAME_PATTERN));
    }

    private static Parameter uuidParameter() {
        return new Parameter().in("path").name("uuid").required(true).description("The training's uuid")
                .schema(new Schema<Object>().type("string").pattern("^[0-9a-f]{32}$"));
    }

    private static ApiResponse record(Schema<Object> record, String description) {
        return new ApiResponse().description(description).content(SharedSchemas.json(record));
    }

    /**
     * @return the shared training record, or, when the model declares its result
     *     ({@code trainResultSchema()}), a reference to the model's own record component
     *     ({@code DemoTrainingRecord}): the shared record with that result
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Schema<Object> recordSchema(ModelEntryPoint model, Components components) {
        Schema<Object> shared = SharedSchemas.ref(SharedSchemas.TRAINING_RECORD);
        Optional<Schema<Object>> result = PredictResponses.converted(model.name(), model.trainResultSchema());
        if (result.isEmpty()) {
            return shared;
        }
        Schema<Object> declared = result.get();
        declared.addProperty("duration", new Schema<Object>().type("number").format("double")
                .description("Seconds the training took, added by the runtime"));
        Schema<Object> withResult = SharedSchemas.object().addProperty("result", declared);
        String component = ArgumentSchemas.componentName(model.name(), "training record", components);
        components.addSchemas(component, new io.swagger.v3.oas.models.media.ComposedSchema()
                .allOf(List.of(shared, withResult)).description("A training of " + model.name() + ", with its result"));
        return SharedSchemas.ref(component);
    }

    private static Operation operation(String model, String action, String summary) {
        return new Operation().operationId(model + "_" + action).summary(summary).tags(List.of(model));
    }

    private static ApiResponses responses(ApiResponse ok, int... errors) {
        return addErrors(new ApiResponses().addApiResponse("200", ok), errors);
    }

    private static ApiResponses addErrors(ApiResponses responses, int... errors) {
        for (int status : errors) {
            responses.addApiResponse(String.valueOf(status), SharedSchemas.errorResponse(status));
        }
        return responses;
    }
}
