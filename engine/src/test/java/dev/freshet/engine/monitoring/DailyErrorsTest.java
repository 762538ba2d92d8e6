package dev.freshet.engine.monitoring;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DailyErrorsTest {

    @Test
    void errorsAreSummedPerVersionAndUtcDayOfPredictionTime() {
        DailyErrors errors = new DailyErrors();
        errors.accept(labelled("a", 2, "2026-03-02T23:59:59Z", 5, 4)); // error 1
        errors.accept(labelled("b", 1, "2026-03-03T00:00:00Z", 2, 5)); // error -3, the next day
        errors.accept(labelled("c", 1, "2026-03-02T10:00:00Z", 1, 1)); // error 0
        errors.accept(labelled("d", 1, "2026-03-02T23:00:00Z", 3, 1)); // error 2

        assertThat(errors.result())
                .extracting(d -> d.version() + " " + d.day() + " " + d.labels())
                .containsExactly("1 2026-03-02 2", "1 2026-03-03 1", "2 2026-03-02 1");
        DailyPerformance first = errors.result().get(0);
        assertThat(first.day()).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(first.rmse()).isCloseTo(Math.sqrt(4.0 / 2), within(1e-12));
        assertThat(first.mae()).isCloseTo(1.0, within(1e-12));
        assertThat(errors.result().get(1).rmse()).isCloseTo(3.0, within(1e-12));
    }

    private static LabelledPrediction labelled(String id, int version, String at, double prediction, double label) {
        return new LabelledPrediction(id, version, Instant.parse(at), new double[] {0}, prediction, label);
    }
}
