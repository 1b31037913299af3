package io.jdeepaas.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jdeepaas.runtime.config.RuntimeConfig;
import io.jdeepaas.runtime.config.TrainIsolation;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The isolation, cancel-grace and heartbeat flags, as the server reads them. */
class TrainingFlagsTest {

    private static RuntimeConfig parse(String... args) {
        Main main = new Main();
        new CommandLine(main).parseArgs(args);
        return main.options.toConfig();
    }

    @Test
    void theDefaultsAreThreadIsolationTenSecondsGraceAndAFiveSecondHeartbeatStaleAfterThirty() {
        RuntimeConfig config = parse();

        assertThat(config.trainIsolation()).isEqualTo(TrainIsolation.THREAD);
        assertThat(config.cancelGrace()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theFlagsReachTheConfigurationInSeconds() {
        RuntimeConfig config = parse("--train-isolation", "process", "--cancel-grace", "2.5",
                "--heartbeat-interval", "0.5", "--heartbeat-timeout", "3");

        assertThat(config.trainIsolation()).isEqualTo(TrainIsolation.PROCESS);
        assertThat(config.cancelGrace()).isEqualTo(Duration.ofMillis(2500));
        assertThat(config.heartbeatInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anUnknownIsolationOrAHeartbeatTimeoutShorterThanTwoBeatsIsRefused() {
        assertThatThrownBy(() -> parse("--train-isolation", "container"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("thread or process");
        assertThatThrownBy(() -> parse("--heartbeat-interval", "5", "--heartbeat-timeout", "6"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--heartbeat-timeout");
    }
}
