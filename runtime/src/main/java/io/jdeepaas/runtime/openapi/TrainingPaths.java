package io.jdeepaas.runtime.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths under one training of a model ({@code retry}, {@code metrics}, {@code logs},
 * {@code events}, {@code artifacts/}, {@code artifacts/{path}}), and the server-wide experiments
 * paths.
 */
final class TrainingPaths {

    private static final String EVENTS = "A text/event-stream: first `retry: 5000`, then the current `status` event"
            + " (the whole record), the `metrics`, `log` and `progress` events reported so far, then each new one;"
            + " a live stream ends after the final `status` (the stream of an ended training starts with it)."
            + " Events are named, not unnamed `message` events, because each kind has its own JSON shape: subscribe"
            + " with addEventListener('progress', ...). Every event has its own id; reconnect with Last-Event-ID"
            + " to get only what you have not seen (204 once you have seen everything of an ended training)."
            + " A `: keep-alive` comment comes every --event-stream-keep-alive seconds.";

    private TrainingPaths() {
    }

    private static ApiResponse error(String description) {
        return new ApiResponse().description(description)
                .content(SharedSchemas.json(SharedSchemas.ref(SharedSchemas.ERROR)));
    }

    /**
     * @param model the model's name
     * @return the paths relative to {@code /v2/models/{model}/train/{uuid}/}, without the uuid parameter
     */
    static Map<String, PathItem> of(String model) {
        Map<String, PathItem> paths = new LinkedHashMap<>();
        paths.put("retry", new PathItem().post(operation(model, "train_retry", "Retry a training of " + model)
                .description("Queues a new training with the same arguments (uploaded files included) and"
                        + " experiment; its retry_of names the original.")
                .responses(responses(json(SharedSchemas.TRAINING_RECORD, "The new training"), 404, 429, 501, 503))));
        paths.put("metrics", new PathItem().get(operation(model, "train_metrics", "The metrics series of a training")
                .responses(responses(json(SharedSchemas.METRIC_SERIES,
                        "Every value of every metric, by metric name, in the order reported"), 404))));
        ApiResponse logs = json(SharedSchemas.TRAINING_LOGS, "The log lines (plain text with Accept: text/plain)");
        logs.getContent().addMediaType("text/plain", new MediaType().schema(new Schema<Object>().type("string")));
        paths.put("logs", new PathItem().get(operation(model, "train_logs", "The log lines of a training")
                .responses(responses(logs, 404))));
        paths.put("events", new PathItem().get(operation(model, "train_events", "Follow a training as Server-Sent Events")
                .description(EVENTS)
                .addParametersItem(new Parameter().in("header").name("Last-Event-ID").required(false)
                        .description("The id of the last event received, to resume after it")
                        .schema(new Schema<Object>().type("string")))
                .responses(responses(new ApiResponse().description("The event stream").content(new Content()
                        .addMediaType("text/event-stream", new MediaType().schema(new Schema<Object>().type("string")
                                .format("binary")))),
                        404)
                        .addApiResponse("204", new ApiResponse().description("The client has seen every event of this"
                                + " ended training: EventSource stops reconnecting"))
                        .addApiResponse("400", error("Last-Event-ID is not an id this stream gave"))
                        .addApiResponse("429", error("Too many open event streams on the server"
                                + " (--max-event-streams) or on this training (--max-event-streams-per-training);"
                                + " retry after the seconds in Retry-After").addHeaderObject("Retry-After",
                                new Header().schema(new Schema<Object>().type("integer")))))));
        paths.put("artifacts/", new PathItem().get(operation(model, "train_artifacts", "The artifacts of a training")
                .responses(responses(json(SharedSchemas.ARTIFACT_LIST,
                        "Each file of the output folder with its relative path, size and SHA-256"), 404))));
        paths.put("artifacts/{path}", new PathItem().get(operation(model, "train_artifact", "Download one artifact")
                .description("The file as an attachment. A path leaving the output folder is refused.")
                .responses(responses(new ApiResponse().description("The file").content(new Content().addMediaType(
                        "application/octet-stream", new MediaType().schema(new Schema<Object>().type("string")
                                .format("binary")))), 400, 404)))
                .addParametersItem(new Parameter().in("path").name("path").required(true)
                        .description("The file's path relative to the output folder, as listed")
                        .schema(new Schema<Object>().type("string"))));
        return paths;
    }

    /** @return {@code /v2/experiments/} and {@code /v2/experiments/{experiment}} */
    static Map<String, PathItem> experiments(String tag) {
        Map<String, PathItem> paths = new LinkedHashMap<>();
        paths.put("/v2/experiments/", new PathItem().get(new Operation().operationId("list_experiments")
                .summary("Every experiment, with its trainings counted by status").tags(List.of(tag))
                .responses(responses(json(SharedSchemas.EXPERIMENT_LIST, "The experiments, by name"))
                        .addApiResponse("4XX", SharedSchemas.refusedResponse()))));
        paths.put("/v2/experiments/{experiment}", new PathItem().get(new Operation().operationId("compare_experiment")
                .summary("Every run of an experiment side by side").tags(List.of(tag))
                .responses(responses(json(SharedSchemas.EXPERIMENT_COMPARISON,
                        "Each run's model, uuid, status, arguments and final metrics"), 404, 422)))
                .addParametersItem(new Parameter().in("path").name("experiment").required(true)
                        .description("The experiment's name")
                        .schema(new Schema<Object>().type("string").pattern(SharedSchemas.EXPERIMENT_NAME_PATTERN))));
        return paths;
    }

    private static Operation operation(String model, String action, String summary) {
        return new Operation().operationId(model + "_" + action).summary(summary).tags(List.of(model));
    }

    private static ApiResponse json(String schema, String description) {
        return new ApiResponse().description(description).content(SharedSchemas.json(SharedSchemas.ref(schema)));
    }

    private static ApiResponses responses(ApiResponse ok, int... errors) {
        ApiResponses responses = new ApiResponses().addApiResponse("200", ok);
        for (int status : errors) {
            responses.addApiResponse(String.valueOf(status), SharedSchemas.errorResponse(status));
        }
        return responses;
    }
}
