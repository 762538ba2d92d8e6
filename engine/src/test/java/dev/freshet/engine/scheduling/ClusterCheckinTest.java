package dev.freshet.engine.scheduling;

import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cluster check-in interval is a setting that reaches Quartz, and a nonsensical one is refused by name. */
class ClusterCheckinTest {
    @Test
    void theIntervalReachesQuartzsClusterCheckin() {
        assertThat(QuartzScheduling.properties("freshet", true, Duration.ofMillis(1500), true, 4, "ds")
                        .getProperty("org.quartz.jobStore.clusterCheckinInterval"))
                .isEqualTo("1500");
        assertThat(EngineConfig.defaults(Path.of("home")).clusterCheckin()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anIntervalBelowATenthOfASecondIsRefused() {
        assertThatThrownBy(() -> EngineConfig.defaults(Path.of("home")).withClusterCheckin(Duration.ofMillis(10)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cluster check-in interval must be at least 100 ms, was 10 ms");
    }
}
