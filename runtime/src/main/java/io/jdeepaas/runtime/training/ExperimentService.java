package io.jdeepaas.runtime.training;

import io.jdeepaas.runtime.errors.InvalidArgumentsException;
import io.jdeepaas.runtime.errors.NotFoundException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Experiments: named groups of trainings, of one model or several. A training joins one by the
 * reserved train argument {@code experiment}; an experiment exists while it has trainings.
 */
public final class ExperimentService {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final TrainingStore store;

    public ExperimentService(TrainingStore store) {
        this.store = store;
    }

    /**
     * @param name a requested experiment name, or {@code null}
     * @return the name, or {@code null} when none was given
     * @throws InvalidArgumentsException when it is not a valid name
     */
    public static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        if (!NAME.matcher(name).matches()) {
            throw InvalidArgumentsException.of("experiment", "must be 1 to 100 letters, digits, '.', '_' or '-',"
                    + " starting with a letter or digit");
        }
        return name;
    }

    /**
     * One experiment in the list.
     *
     * @param name its name
     * @param runs how many trainings it has
     * @param statuses how many trainings are in each status
     * @param models the models it trained
     * @param latest when its newest training was created
     */
    public record Summary(String name, long runs, Map<String, Long> statuses, List<String> models, Instant latest) {
    }

    /** @return every experiment with trainings the viewer may see, counting only those, by name */
    public List<Summary> list(TrainingViewer viewer) {
        Map<String, List<TrainingStore.ExperimentGroup>> byName = new TreeMap<>();
        for (TrainingStore.ExperimentGroup group : store.experimentGroups(viewer.ownerFilter())) {
            byName.computeIfAbsent(group.experiment(), k -> new ArrayList<>()).add(group);
        }
        List<Summary> summaries = new ArrayList<>();
        byName.forEach((name, groups) -> {
            Map<String, Long> statuses = new TreeMap<>();
            Set<String> models = new LinkedHashSet<>();
            long runs = 0;
            Instant latest = null;
            for (TrainingStore.ExperimentGroup g : groups) {
                statuses.merge(g.status().label(), g.count(), Long::sum);
                models.add(g.model());
                runs += g.count();
                latest = latest == null || g.latest().isAfter(latest) ? g.latest() : latest;
            }
            summaries.add(new Summary(name, runs, statuses, List.copyOf(models), latest));
        });
        return summaries;
    }

    /**
     * One training of an experiment, as the comparison shows it.
     *
     * @param model the model
     * @param uuid the training
     * @param status its status
     * @param created when it was requested
     * @param duration seconds it ran
     * @param args its arguments
     * @param metrics the last value of each metric it reported
     * @param result what the module returned, once done
     * @param retryOf the training it repeats
     */
    public record Run(String model, String uuid, TrainingStatus status, Instant created, Double duration,
                      Map<String, Object> args, Map<String, Double> metrics, Map<String, Object> result,
                      @com.fasterxml.jackson.annotation.JsonProperty("retry_of") String retryOf) {
    }

    /**
     * Every run of an experiment side by side.
     *
     * @param name the experiment
     * @param arguments every argument name any run was given: the comparison's columns
     * @param metrics every metric name any run reported
     * @param runs the runs, newest first
     */
    public record Comparison(String name, List<String> arguments, List<String> metrics, List<Run> runs) {
    }

    /**
     * @return the comparison of one experiment's runs that the viewer may see
     * @throws NotFoundException when the viewer sees none of its runs
     */
    public Comparison compare(String name, TrainingViewer viewer) {
        checkName(name);
        List<TrainingRecord> records = store.list(TrainingFilter.experiment(name).seenBy(viewer));
        if (records.isEmpty()) {
            throw new NotFoundException("no experiment '" + name + "'; list them at /v2/experiments/");
        }
        Map<String, Map<String, Double>> last = store.finalMetrics(name);
        Set<String> argumentNames = new LinkedHashSet<>();
        Set<String> metricNames = new LinkedHashSet<>();
        List<Run> runs = new ArrayList<>();
        for (TrainingRecord r : records) {
            Map<String, Double> metrics = last.getOrDefault(r.uuid(), Map.of());
            argumentNames.addAll(r.args().keySet());
            metricNames.addAll(metrics.keySet());
            runs.add(new Run(r.model(), r.uuid(), r.status(), r.date(), r.duration(), r.args(),
                    new LinkedHashMap<>(metrics), r.result(), r.retryOf()));
        }
        return new Comparison(name, List.copyOf(argumentNames), List.copyOf(metricNames), runs);
    }
}
