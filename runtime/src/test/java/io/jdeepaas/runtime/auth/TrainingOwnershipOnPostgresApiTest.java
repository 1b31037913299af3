package io.jdeepaas.runtime.auth;

import io.jdeepaas.runtime.config.DatabaseConfig;
import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.config.TrainIsolation;
import io.jdeepaas.runtime.replicas.TestPostgres;
import java.util.function.UnaryOperator;

/** The ownership cases of {@link TrainingOwnershipApiTest} on PostgreSQL, each training in a child process. */
class TrainingOwnershipOnPostgresApiTest extends TrainingOwnershipApiTest {

    private TestPostgres postgres;

    @Override
    UnaryOperator<RuntimeConfig.Builder> storage() throws Exception {
        postgres = TestPostgres.start();
        DatabaseConfig database = new DatabaseConfig(postgres.newDatabase(), null, null);
        return c -> c.database(database).trainIsolation(TrainIsolation.PROCESS);
    }

    @Override
    void stopStorage() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }
}
