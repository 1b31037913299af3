package io.jdeepaas.runtime.openapi;

import io.swagger.v3.oas.models.media.Schema;
import java.util.List;

/** The schemas of what trainings produce (metrics, logs, artifacts) and of experiments. */
final class TrainingSchemas {

    private TrainingSchemas() {
    }

    static Schema<Object> metricSeries() {
        Schema<Object> point = SharedSchemas.object()
                .addProperty("step", integer())
                .addProperty("value", new Schema<Object>().type("number").format("double").nullable(true))
                .addProperty("time", time())
                .required(List.of("step", "value", "time"));
        return SharedSchemas.object()
                .addProperty("uuid", string())
                .addProperty("model", string())
                .addProperty("series", SharedSchemas.object()
                        .description("Per metric name, its values in the order reported, e.g. {\"loss\": [{\"step\": 1,"
                                + " \"value\": 0.9, \"time\": \"...\"}]}")
                        .additionalProperties(new Schema<Object>().type("array").items(point)))
                .required(List.of("uuid", "model", "series"));
    }

    static Schema<Object> logs() {
        Schema<Object> line = SharedSchemas.object()
                .addProperty("seq", integer())
                .addProperty("line", string())
                .addProperty("time", time())
                .required(List.of("seq", "line", "time"));
        return SharedSchemas.object()
                .addProperty("uuid", string())
                .addProperty("model", string())
                .addProperty("status", status())
                .addProperty("lines", new Schema<Object>().type("array").items(line))
                .required(List.of("uuid", "model", "status", "lines"));
    }

    static Schema<Object> artifacts() {
        Schema<Object> file = SharedSchemas.object()
                .addProperty("name", string().description("The path relative to the output folder, with / separators"))
                .addProperty("size", integer())
                .addProperty("sha256", string().pattern("^[0-9a-f]{64}$"))
                .required(List.of("name", "size", "sha256"));
        return SharedSchemas.object()
                .addProperty("uuid", string())
                .addProperty("artifacts", new Schema<Object>().type("array").items(file))
                .required(List.of("uuid", "artifacts"));
    }

    static Schema<Object> experimentList() {
        Schema<Object> experiment = SharedSchemas.object()
                .addProperty("name", string())
                .addProperty("runs", integer())
                .addProperty("statuses", SharedSchemas.object().description("How many trainings are in each status")
                        .additionalProperties(integer()))
                .addProperty("models", new Schema<Object>().type("array").items(string()))
                .addProperty("latest", time())
                .required(List.of("name", "runs", "statuses", "models"));
        return SharedSchemas.object()
                .addProperty("experiments", new Schema<Object>().type("array").items(experiment))
                .required(List.of("experiments"));
    }

    static Schema<Object> experimentComparison() {
        Schema<Object> run = SharedSchemas.object()
                .addProperty("model", string())
                .addProperty("uuid", string())
                .addProperty("status", status())
                .addProperty("created", time())
                .addProperty("duration", new Schema<Object>().type("number").format("double"))
                .addProperty("args", SharedSchemas.object().additionalProperties(true))
                .addProperty("metrics", SharedSchemas.object().description("The last value of each metric")
                        .additionalProperties(new Schema<Object>().type("number").format("double")))
                .addProperty("result", SharedSchemas.object().additionalProperties(true))
                .addProperty("retry_of", string())
                .required(List.of("model", "uuid", "status", "args", "metrics"));
        return SharedSchemas.object()
                .addProperty("name", string())
                .addProperty("arguments", new Schema<Object>().type("array").items(string())
                        .description("Every argument name any run was given"))
                .addProperty("metrics", new Schema<Object>().type("array").items(string())
                        .description("Every metric name any run reported"))
                .addProperty("runs", new Schema<Object>().type("array").items(run).description("Newest first"))
                .required(List.of("name", "arguments", "metrics", "runs"));
    }

    private static Schema<Object> string() {
        return new Schema<Object>().type("string");
    }

    private static Schema<Object> integer() {
        return new Schema<Object>().type("integer").format("int64");
    }

    private static Schema<Object> time() {
        return new Schema<Object>().type("string").format("date-time");
    }

    private static Schema<Object> status() {
        return new Schema<Object>().type("string")._enum(List.copyOf(SharedSchemas.TRAINING_STATUSES));
    }
}
