package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The small value types: durations, schedules, retry policies, trigger rules, params, spelling. */
class ValuesTest {

    @ParameterizedTest
    @CsvSource({
        "30s, PT30S",
        "10m, PT10M",
        "2h, PT2H",
        "1d, PT24H",
        "500ms, PT0.5S",
        "1h30m, PT1H30M",
        "1.5h, PT1H30M",
        "30, PT30S",
        "1.5, PT1.5S",
        "0, PT0S",
        "PT30S, PT30S",
        "pt5m, PT5M",
        "P1D, PT24H",
        "' 45s ', PT45S"
    })
    void parsesDurations(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "10 minutes", "-5s", "PT-5S", "5x", "s", "1h 30m", "P"})
    void rejectsBadDurations(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void formatsDurationsSoThatTheyParseBack() {
        for (String text : List.of("0s", "30s", "10m", "1h30m", "2d3h", "500ms", "1m0s")) {
            Duration duration = Durations.parse(text);
            assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
        }
        assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
    }

    @ParameterizedTest
    @CsvSource({
        "0 0 * * *, UNIX_CRON",
        "*/15 9-17 * * MON-FRI, UNIX_CRON",
        "0 0 12 ? * WED, QUARTZ_CRON",
        "0 15 10 L * ? 2030, QUARTZ_CRON",
        "0 0 0 ? * 6#3, QUARTZ_CRON",
        "@daily, PRESET",
        "@once, PRESET"
    })
    void acceptsCronExpressionsAndPresets(String expression, Schedule.Kind kind) {
        assertThat(Schedule.of(expression).kind()).isEqualTo(kind);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "0 0 * *", "0 0 * * * * * *", "@daily2", "@midnight", "0 0 * * * \"", "every day"})
    void rejectsBadSchedules(String expression) {
        assertThatThrownBy(() -> Schedule.of(expression)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void aScheduleKnowsItsFieldsAndWhetherItRunsOnce() {
        assertThat(Schedule.of("  0 0 * * 1 ").expression()).isEqualTo("0 0 * * 1");
        assertThat(Schedule.of("0 0 * * 1").fields()).containsExactly("0", "0", "*", "*", "1");
        assertThat(Schedule.of("@once").isOnce()).isTrue();
        assertThat(Schedule.of("@daily").isOnce()).isFalse();
    }

    @Test
    void retryDelaysBackOffExponentiallyUpToTheCap() {
        RetryPolicy fixed = new RetryPolicy(5, Duration.ofSeconds(30), false, null);
        RetryPolicy backoff = new RetryPolicy(10, Duration.ofSeconds(30), true, Duration.ofMinutes(3));
        RetryPolicy uncapped = new RetryPolicy(100, Duration.ofHours(1), true, null);

        assertThat(fixed.delayBeforeRetry(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(fixed.delayBeforeRetry(4)).isEqualTo(Duration.ofSeconds(30));
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(backoff::delayBeforeRetry))
                .containsExactly(
                        Duration.ofSeconds(30),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(2),
                        Duration.ofMinutes(3),
                        Duration.ofMinutes(3));
        assertThat(uncapped.delayBeforeRetry(100)).isEqualTo(RetryPolicy.DEFAULT_MAX_RETRY_DELAY);
        assertThat(new RetryPolicy(3, Duration.ZERO, true, null).delayBeforeRetry(3))
                .isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> fixed.delayBeforeRetry(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, false, null))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, false, Duration.ZERO))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void triggerRulesUseLowerCaseNames() {
        assertThat(TriggerRule.fromYaml("none_skipped")).isEqualTo(TriggerRule.NONE_SKIPPED);
        assertThat(TriggerRule.ALWAYS.yamlName()).isEqualTo("always");
        assertThatThrownBy(() -> TriggerRule.fromYaml("ALL_SUCCESS"))
                .hasMessageStartingWith("unknown trigger_rule 'ALL_SUCCESS'; did you mean 'all_success'?");
        assertThatThrownBy(() -> TriggerRule.fromYaml(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void paramSpecsCheckValues() {
        ParamSpec alpha = new ParamSpec("alpha", ParamType.NUMBER, 0.5, 0L, 1.0, List.of(), null);
        ParamSpec mode = new ParamSpec("mode", null, "fast", null, null, List.of("fast", "slow"), "");
        ParamSpec count = new ParamSpec("count", ParamType.INTEGER, 3L, null, null, List.of(1L, 3L), "");

        assertThat(alpha.violation(0.7)).isEmpty();
        assertThat(alpha.violation(1L)).isEmpty();
        assertThat(alpha.violation(1.5)).contains("must be at most 1.0, got 1.5");
        assertThat(alpha.violation("0.5")).contains("must be of type number, got '0.5'");
        assertThat(mode.violation("slow")).isEmpty();
        assertThat(mode.violation("medium")).contains("must be one of [fast, slow], got 'medium'");
        assertThat(count.violation(3.0)).contains("must be of type integer, got 3.0");
        assertThat(ParamType.OBJECT.accepts(Map.of())).isTrue();
        assertThatThrownBy(() -> new ParamSpec("x", ParamType.STRING, null, 1L, null, List.of(), ""))
                .hasMessageContaining("minimum and maximum are only for number and integer params");
        assertThatThrownBy(() -> new ParamSpec("x", null, null, 2L, 1L, List.of(), ""))
                .hasMessageContaining("above its maximum");
        assertThatThrownBy(() -> new ParamSpec("x", ParamType.BOOLEAN, "yes", null, null, List.of(), ""))
                .hasMessage("the default of param 'x' must be of type boolean, got 'yes'");
        assertThatThrownBy(() -> ParamSpec.untyped("1st", 1)).hasMessageContaining("param name '1st'");
    }

    @Test
    void suggestsCloseSpellingsOnly() {
        List<String> ids = List.of("ingest", "validate", "train");

        assertThat(Spelling.distance("ingets", "ingest")).isEqualTo(1);
        assertThat(Spelling.closest("ingets", ids)).contains("ingest");
        assertThat(Spelling.closest("Trian", ids)).contains("train");
        assertThat(Spelling.closest("evaluate", ids)).isEmpty();
        assertThat(Spelling.closest("b", List.of("a")))
                .as("one letter is no basis for a guess")
                .isEmpty();
    }
}
