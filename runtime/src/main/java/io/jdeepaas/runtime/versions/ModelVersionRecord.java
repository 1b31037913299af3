package io.jdeepaas.runtime.versions;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a user sees of one version: immutable once registered, apart from the aliases pointing at it.
 *
 * @param model the model's name
 * @param number the version's number, unique per model
 * @param source where it came from ({@link VersionSource#label()})
 * @param training the training it came from (its lineage), or {@code null}
 * @param args that training's arguments, or {@code null}
 * @param metrics that training's final metrics (empty when none)
 * @param files its files with sizes and SHA-256
 * @param created when it was registered
 * @param registeredBy who registered it (the caller who started its training or uploaded it); empty
 *     for the module's own version, the CLI and anonymous callers
 * @param aliases the aliases pointing at it now, {@code production} first
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"model", "version", "source", "aliases", "training", "created", "registered_by", "metrics", "args",
    "files"})
public record ModelVersionRecord(String model, @JsonIgnore int number, String source, String training,
                                 Map<String, Object> args, Map<String, Object> metrics, List<VersionFile> files,
                                 Instant created, @JsonProperty("registered_by") String registeredBy,
                                 List<String> aliases) {

    /** @return the version's id as the routes spell it ({@code "2"}) */
    @JsonProperty("version")
    public String id() {
        return String.valueOf(number);
    }

    /** @return this record with the given aliases */
    public ModelVersionRecord withAliases(List<String> now) {
        return new ModelVersionRecord(model, number, source, training, args, metrics, files, created, registeredBy,
                List.copyOf(now));
    }
}
