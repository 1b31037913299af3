package io.jdeepaas.runtime.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The schemas and error responses every generated document shares, kept in its
 * {@code components} and referred to by name: the model object, the versions documents, the
 * training record and the three error shapes of DESIGN.md section 3.
 */
public final class SharedSchemas {

    /** {@code {"message": "..."}}, the body of every DEEPaaS 4xx/5xx answer. */
    public static final String ERROR = "Error";
    /** The 422 body: per argument name, a list of messages. */
    public static final String VALIDATION_ERROR = "ValidationError";
    /** {@code {"error": "..."}}, the body of Open Inference Protocol errors. */
    public static final String OIP_ERROR = "OipError";
    /** A {@code {rel, href}} link. */
    public static final String LINK = "Link";
    /** One model as {@code GET /v2/models/{name}/} answers it. */
    public static final String MODEL = "ModelObject";
    /** {@code {"models": [...]}}. */
    public static final String MODEL_LIST = "ModelList";
    /** One API version, as {@code GET /v2/} answers it. */
    public static final String VERSION = "Version";
    /** The versions document of {@code GET /}. */
    public static final String VERSIONS = "Versions";
    /** A training's progress: step of total. */
    public static final String TRAINING_PROGRESS = "TrainingProgress";
    /** One training, as the train routes answer it. */
    public static final String TRAINING_RECORD = "TrainingRecord";

    /** A training's metrics series. */
    public static final String METRIC_SERIES = "MetricSeries";
    /** A training's log lines. */
    public static final String TRAINING_LOGS = "TrainingLogs";
    /** A training's artifacts. */
    public static final String ARTIFACT_LIST = "ArtifactList";
    /** The experiments with their counts. */
    public static final String EXPERIMENT_LIST = "ExperimentList";
    /** One experiment's runs side by side. */
    public static final String EXPERIMENT_COMPARISON = "ExperimentComparison";
    /** What an experiment's name looks like. */
    public static final String EXPERIMENT_NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$";

    /** The statuses a training record can have. */
    public static final List<String> TRAINING_STATUSES =
            List.of("queued", "running", "cancelling", "done", "error", "cancelled", "interrupted");

    /** The states a model can be in. */
    public static final List<String> MODEL_STATES = List.of("loading", "ready", "failed", "unloading", "unloaded");

    /** Error responses by HTTP status, each kept in {@code components/responses} under this name. */
    private static final Map<Integer, String> ERROR_RESPONSES = Map.ofEntries(
            Map.entry(400, "BadRequest"), Map.entry(404, "NotFound"), Map.entry(409, "Conflict"),
            Map.entry(413, "PayloadTooLarge"),
            Map.entry(415, "UnsupportedMediaType"), Map.entry(422, "InvalidArguments"),
            Map.entry(429, "QueueFull"), Map.entry(500, "ModuleError"), Map.entry(501, "NotImplemented"),
            Map.entry(503, "ModelNotReady"), Map.entry(504, "Timeout"));

    private static final Map<Integer, String> ERROR_DESCRIPTIONS = Map.ofEntries(
            Map.entry(400, "The request body is malformed"), Map.entry(404, "No such model or training"),
            Map.entry(409, "The training is in a state that does not allow this (e.g. purge before cancel)"),
            Map.entry(413, "The request body or an uploaded file is too large"),
            Map.entry(415, "The request's media type is not supported"),
            Map.entry(422, "Some arguments are invalid; each is listed with its messages"),
            Map.entry(429, "The queue is full; retry after the number of seconds in Retry-After"),
            Map.entry(500, "The module failed; the message is the module's"),
            Map.entry(501, "The model does not implement this"), Map.entry(503, "The model is not ready"),
            Map.entry(504, "The model did not answer in time"));

    private SharedSchemas() {
    }

    /**
     * @return the components of a generated document: every shared schema and error response
     */
    public static Components components() {
        Components components = new Components()
                .addSchemas(ERROR, object().addProperty("message", string("What went wrong")).required(List.of("message")))
                .addSchemas(VALIDATION_ERROR, validationError())
                .addSchemas(OIP_ERROR, object().addProperty("error", string("What went wrong")).required(List.of("error")))
                .addSchemas(LINK, object().addProperty("rel", string("The link's relation, e.g. self"))
                        .addProperty("href", string("The target path")).required(List.of("rel", "href")))
                .addSchemas(MODEL, model())
                .addSchemas(MODEL_LIST, object().addProperty("models", new ArraySchema().items(ref(MODEL)))
                        .required(List.of("models")))
                .addSchemas(VERSION, version())
                .addSchemas(VERSIONS, object().addProperty("versions", new ArraySchema().items(ref(VERSION)))
                        .addProperty("links", links()).required(List.of("versions")))
                .addSchemas(TRAINING_PROGRESS, progress())
                .addSchemas(TRAINING_RECORD, trainingRecord())
                .addSchemas(METRIC_SERIES, TrainingSchemas.metricSeries())
                .addSchemas(TRAINING_LOGS, TrainingSchemas.logs())
                .addSchemas(ARTIFACT_LIST, TrainingSchemas.artifacts())
                .addSchemas(EXPERIMENT_LIST, TrainingSchemas.experimentList())
                .addSchemas(EXPERIMENT_COMPARISON, TrainingSchemas.experimentComparison());
        InferOperations.addSchemas(components);
        ERROR_RESPONSES.keySet().stream().sorted().forEach(status -> components.addResponses(
                ERROR_RESPONSES.get(status), new ApiResponse().description(ERROR_DESCRIPTIONS.get(status))
                        .content(json(ref(status == 422 ? VALIDATION_ERROR : ERROR)))));
        return components;
    }

    /**
     * @param name a schema kept in {@code components/schemas}
     * @return a reference to it
     */
    public static Schema<Object> ref(String name) {
        return new Schema<Object>().$ref("#/components/schemas/" + name);
    }

    /**
     * @param status an error status: 400, 404, 409, 413, 415, 422, 429, 500, 501, 503 or 504
     * @return a reference to the shared response for it
     */
    public static ApiResponse errorResponse(int status) {
        String name = ERROR_RESPONSES.get(status);
        if (name == null) {
            throw new IllegalArgumentException("no shared response for status " + status);
        }
        return new ApiResponse().$ref("#/components/responses/" + name);
    }

    /**
     * The answer of a DEEPaaS route that has no more specific 4xx: a request refused before it reaches
     * the route (wrong method 405, body too large 413, ...), so that every operation documents one.
     *
     * @return a {@code 4XX} response with the {@code {"message"}} shape
     */
    public static ApiResponse refusedResponse() {
        return new ApiResponse().description("Refused (e.g. 405 wrong method, 413 too large); the message says why")
                .content(json(ref(ERROR)));
    }

    /**
     * @param schema a body's schema
     * @return content with that schema as {@code application/json}
     */
    public static Content json(Schema<?> schema) {
        return new Content().addMediaType("application/json", new MediaType().schema(schema));
    }

    /** @return an empty object schema, to add properties to */
    static Schema<Object> object() {
        return new Schema<Object>().type("object");
    }

    private static Schema<Object> string(String description) {
        return new Schema<Object>().type("string").description(description);
    }

    private static Schema<Object> links() {
        return new Schema<Object>().type("array").items(ref(LINK));
    }

    private static Schema<Object> validationError() {
        Schema<Object> perArgument = object()
                .description("Per invalid argument, its messages, e.g. {\"number\": [\"must be at most 100\"]}")
                .additionalProperties(new Schema<Object>().type("array").items(string("A message")));
        return object()
                .description("Every invalid argument with its messages, and a summary")
                .addProperty("message", string("A summary naming every invalid argument"))
                .addProperty("errors", perArgument)
                .required(List.of("message", "errors"));
    }

    private static Schema<Object> model() {
        return object()
                .description("A model: the runtime's fields, its metadata, and any extra metadata fields")
                .addProperty("id", string("The model's identifier (its name)"))
                .addProperty("name", string("The model's name, its URL namespace"))
                .addProperty("links", links())
                .addProperty("description", string("What the model does"))
                .addProperty("version", string("The model's version"))
                .addProperty("author", string("Who made it"))
                .addProperty("license", string("Its license"))
                .addProperty("url", string("Where to read more"))
                .addProperty("engine", string("The inference engine and its version, when the model uses one"))
                .addProperty("device", string("The device it runs on: cpu or gpu:N"))
                .addProperty("state", string("Whether it serves")._enum(List.copyOf(MODEL_STATES)))
                .addProperty("error", string("Why warming failed, when the state is failed"))
                .required(List.of("id", "name", "links", "state"))
                .additionalProperties(true);
    }

    private static Schema<Object> version() {
        return object()
                .addProperty("version", string("The version's maturity, e.g. stable"))
                .addProperty("id", string("The version's identifier, e.g. v2"))
                .addProperty("links", links())
                .required(List.of("version", "id"));
    }

    private static Schema<Object> progress() {
        return object()
                .addProperty("step", new Schema<Object>().type("integer").format("int64").description("Steps done"))
                .addProperty("total", new Schema<Object>().type("integer").format("int64").description("Steps planned"))
                .addProperty("fraction", new Schema<Object>().type("number").format("double")
                        .minimum(BigDecimal.ZERO).maximum(BigDecimal.ONE).description("step / total"))
                .addProperty("metrics", object().description("The latest value of each metric")
                        .additionalProperties(new Schema<Object>().type("number").format("double")));
    }

    private static Schema<Object> trainingRecord() {
        return object()
                .addProperty("uuid", string("The training's identifier: 32 hexadecimal digits").pattern("^[0-9a-f]{32}$"))
                .addProperty("model", string("The model's name"))
                .addProperty("experiment", string("The experiment the training belongs to"))
                .addProperty("status", string("Where the training is")._enum(List.copyOf(TRAINING_STATUSES)))
                .addProperty("date", string("When the training was requested (ISO-8601; the same as created)")
                        .format("date-time"))
                .addProperty("created", string("When the training was requested").format("date-time"))
                .addProperty("started", string("When it began running").format("date-time"))
                .addProperty("finished", string("When it ended").format("date-time"))
                .addProperty("duration", new Schema<Object>().type("number").format("double")
                        .description("Seconds it ran (so far, while running)"))
                .addProperty("args", object().description("The training's arguments, defaults applied; files as name,"
                        + " size and content_type").additionalProperties(true))
                .addProperty("progress", ref(TRAINING_PROGRESS))
                .addProperty("result", object().description("What the training returned, once done, with its duration")
                        .addProperty("duration", new Schema<Object>().type("number").format("double")
                                .description("Seconds the training took"))
                        .additionalProperties(true))
                .addProperty("message", string("Why the training ended, when its status is error, cancelled or"
                        + " interrupted"))
                .addProperty("retry_of", string("The training this one repeats").pattern("^[0-9a-f]{32}$"))
                .addProperty("owner", string("Who started it: issuer#subject for a token, key:name for an API key,"
                        + " anonymous without credentials. Only its owner and admins see a training"))
                .required(List.of("uuid", "model", "date", "args", "status"))
                // later versions may add fields: a generated client must not refuse a record for that
                .additionalProperties(true);
    }
}
