package io.jdeepaas.runtime.openapi;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paths of one model's versions and aliases: list and upload ({@code /versions}), delete
 * ({@code /versions/{version}}, beside the protocol's metadata there), set and remove an alias
 * ({@code /aliases/{alias}}), the canary split ({@code /split}). Every error answers the protocol's
 * {@code {"error"}}.
 */
final class VersionPaths {

    private VersionPaths() {
    }

    /** @return the model's version paths by path (the versioned metadata path is the protocol's) */
    static Map<String, PathItem> of(String name) {
        Map<String, PathItem> paths = new LinkedHashMap<>();
        String root = "/v2/models/" + name;
        paths.put(root + "/versions", new PathItem().get(operation(name, "versions", "The versions of " + name)
                        .description("Newest first, each with its aliases, source, training (uuid, arguments, final"
                                + " metrics), creation time, who registered it and its files (path, size, SHA-256);"
                                + " with the model's policy (latest or pinned) and its aliases.")
                        .responses(responses("The versions", 404)))
                .post(operation(name, "version_upload", "Register a version of " + name + " by upload (admin)")
                        .description("The body is one weights file, or a zip of a folder (unpacked), named by"
                                + " filename. Under the latest policy the new version becomes production once it is"
                                + " warm; if it fails to warm, production stays and the record says so.")
                        .addParametersItem(new Parameter().in("query").name("filename").required(true)
                                .description("The file's name; a name ending in .zip is unpacked")
                                .schema(new Schema<Object>().type("string").example("model.pt")))
                        .requestBody(new RequestBody().required(true).content(new Content().addMediaType(
                                "application/octet-stream", new MediaType().schema(new Schema<Object>().type("string")
                                        .format("binary")))))
                        .responses(created(400, 404, 413))));
        Parameter alias = new Parameter().in("path").name("alias").required(true)
                .description("An alias: production (what the unversioned routes serve) or a name of yours")
                .schema(new Schema<Object>().type("string").pattern("^[a-z][a-z0-9_-]{0,63}$").example("production"));
        paths.put(root + "/aliases/{alias}", new PathItem()
                .put(operation(name, "alias_set", "Point an alias of " + name + " at a version (admin)")
                        .description("Moving production warms the version beside the served one, sends new requests"
                                + " to it once it is ready and closes the old one when its calls have ended; if it"
                                + " fails to warm, production stays and the answer is 500 with the reason.")
                        .requestBody(new RequestBody().required(true).content(SharedSchemas.json(new Schema<Object>()
                                .type("object").addProperty("version", new Schema<Object>().type("string")
                                        .example("3")).required(List.of("version")))))
                        .responses(responses("The version the alias now points at", 400, 404, 500)))
                .delete(operation(name, "alias_remove", "Remove an alias of " + name + " (admin)")
                        .responses(responses("The alias was removed", 404, 409)))
                .addParametersItem(alias));
        paths.put(root + "/split", new PathItem()
                .get(operation(name, "split", "The canary split of " + name).responses(responses("The split", 404)))
                .put(operation(name, "split_set", "Send a share of the requests of " + name + " to an alias (admin)")
                        .description("{\"candidate\": 10} sends 10 % of the unversioned predict and infer requests"
                                + " to the version candidate points at; X-Model-Version and the version label of"
                                + " /metrics say which version answered. Promoting the candidate ends it.")
                        .requestBody(new RequestBody().required(true).content(SharedSchemas.json(new Schema<Object>()
                                .type("object").additionalProperties(new Schema<Object>().type("integer")
                                        .minimum(java.math.BigDecimal.ONE).maximum(java.math.BigDecimal.valueOf(99)))
                                .example(Map.of("candidate", 10)))))
                        .responses(responses("The split now", 400, 404)))
                .delete(operation(name, "split_remove", "End the canary split of " + name + " (admin)")
                        .responses(responses("The split is gone", 404))));
        return paths;
    }

    /** @return the delete operation of {@code /versions/{version}} */
    static Operation delete(String name) {
        return operation(name, "version_delete", "Delete a version of " + name + " (admin)")
                .description("Deletes the version and its files and unloads the instance a versioned route"
                        + " loaded for it; 409 while an alias points at it.")
                .responses(responses("The version was deleted", 404, 409));
    }

    private static Operation operation(String model, String action, String summary) {
        return new Operation().operationId(model + "_" + action).summary(summary).tags(List.of(model));
    }

    private static ApiResponses responses(String ok, int... errors) {
        ApiResponses responses = new ApiResponses().addApiResponse("200", new ApiResponse().description(ok)
                .content(SharedSchemas.json(new Schema<Object>().type("object"))));
        return errors(responses, errors);
    }

    private static ApiResponses created(int... errors) {
        return errors(new ApiResponses().addApiResponse("201", new ApiResponse().description("The new version")
                .content(SharedSchemas.json(new Schema<Object>().type("object")))), errors);
    }

    private static ApiResponses errors(ApiResponses responses, int... errors) {
        for (int status : errors) {
            responses.addApiResponse(String.valueOf(status), new ApiResponse().description(switch (status) {
                case 404 -> "No such model, version or alias";
                case 409 -> "An alias points at the version, or the alias is production";
                case 413 -> "The upload is larger than --max-upload-size";
                case 500 -> "The version failed to warm; production did not move";
                default -> "Refused; the body says why";
            }).content(SharedSchemas.json(SharedSchemas.ref(SharedSchemas.OIP_ERROR))));
        }
        return responses;
    }
}
