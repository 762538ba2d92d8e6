package dev.freshet.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BodyPaceTest {
    private static final long SECOND = 1_000_000_000L;
    private final BodyPace pace = new BodyPace(Duration.ofSeconds(5), 1024, Duration.ofSeconds(60));

    @Test
    void anyBodyIsOnTimeWithinTheGrace() {
        assertThat(pace.tooSlow(1, 5 * SECOND)).isFalse();
    }

    @Test
    void afterTheGraceTheAverageRateCounts() {
        assertThat(pace.tooSlow(6 * 1024, 6 * SECOND)).isFalse();
        assertThat(pace.tooSlow(6 * 1024 - 1, 6 * SECOND)).isTrue();
    }

    @Test
    void nothingIsOnTimePastTheDeadline() {
        assertThat(pace.tooSlow(1L << 30, 61 * SECOND)).isTrue();
    }
}
