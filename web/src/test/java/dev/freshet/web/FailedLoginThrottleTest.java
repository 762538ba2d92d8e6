package dev.freshet.web;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class FailedLoginThrottleTest {
    private final MutableClock clock = new MutableClock();
    private final FailedLoginThrottle throttle =
            new FailedLoginThrottle(clock, new SimpleMeterRegistry(), 3, Duration.ofSeconds(6));

    @Test
    void anAddressMayFailABurstThenWaitsOneIntervalPerAttempt() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.waitFor("10.0.0.1")).isZero();
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(6));

        clock.advance(Duration.ofSeconds(6));
        assertThat(throttle.waitFor("10.0.0.1")).isZero();
        throttle.failed("10.0.0.1");
        assertThat(throttle.waitFor("10.0.0.1")).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void theAllowanceGrowsBackAndOtherAddressesAreNotTouched() {
        for (int i = 0; i < 3; i++) {
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.waitFor("10.0.0.2")).isZero();

        clock.advance(Duration.ofSeconds(18));
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.waitFor("10.0.0.1")).isZero();
            throttle.failed("10.0.0.1");
        }
        assertThat(throttle.waitFor("10.0.0.1")).isPositive();
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2024-05-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
