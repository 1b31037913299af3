package io.jdeepaas.runtime.cli;

import io.jdeepaas.runtime.args.ArgumentParser;
import io.jdeepaas.runtime.json.Json;
import io.jdeepaas.runtime.registry.ModelHandle;
import io.jdeepaas.runtime.training.TrainingFolders;
import io.jdeepaas.runtime.training.TrainingSettings;
import io.jdeepaas.runtime.training.jdbc.Database;
import io.jdeepaas.runtime.training.jdbc.JdbcTrainingStore;
import io.jdeepaas.runtime.training.TrainingRecord;
import io.jdeepaas.runtime.training.TrainingViewer;
import io.jdeepaas.runtime.training.TrainingService;
import io.jdeepaas.runtime.training.LogLine;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code train --model-name M --arg k=v ...}: one training in this process, recorded under the data folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Runs one training locally, shows its progress, and prints its final record.")
final class TrainCommand implements Callable<Integer> {

    @Mixin
    ModuleOptions modules = new ModuleOptions();

    @Mixin
    LocalArguments arguments = new LocalArguments();

    @Override
    public Integer call() throws Exception {
        var json = Json.mapper();
        LocalModels local = new LocalModels(modules.toConfig());
        ModelHandle model = local.single();
        Map<String, Object> values = new ArgumentParser(json).parse(model.module().trainArguments(), arguments.raw());
        var config = local.config();
        JdbcTrainingStore store = new JdbcTrainingStore(Database.open(config.database(), config.dataDir()), json);
        try (TrainingService trainings = new TrainingService(store,
                new TrainingFolders(config.dataDir().resolve("trainings")), local.registry(), new ArgumentParser(json),
                TrainingSettings.of(1, Integer.MAX_VALUE, TrainingSettings.newOwnerId(), config.database().isEmbedded()))) {
            TrainingRecord record = trainings.submit(model, values, null, TrainingRecord.ANONYMOUS);
            String uuid = record.uuid();
            long lastSeq = 0;
            try (TrainingView view = new TrainingView(model.name(), System.err, System.console() != null)) {
                while (true) {
                    boolean ended = record.status().isFinal();
                    List<LogLine> lines = store.logs(uuid, lastSeq);
                    if (!lines.isEmpty()) {
                        lastSeq = lines.get(lines.size() - 1).seq();
                    }
                    view.update(record.progress(), lines);
                    if (ended) {
                        break;
                    }
                    Thread.sleep(200);
                    record = trainings.get(model.name(), uuid, TrainingViewer.EVERYONE);
                }
            }
            System.out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(record));
            return record.status().label().equals("done") ? 0 : 1;
        }
    }
}
