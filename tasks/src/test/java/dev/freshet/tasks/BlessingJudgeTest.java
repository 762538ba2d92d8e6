package dev.freshet.tasks;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.task.TaskConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Value and change thresholds, the default "beat the champion" rule, and blessings without any threshold. */
class BlessingJudgeTest {

    private static final Map<String, Double> CANDIDATE = Map.of("rmse", 0.75, "mae", 0.6, "r2", 0.30, "max_error", 3.0);
    private static final ChampionScore CHAMPION =
            ChampionScore.scored(3, Map.of("rmse", 0.80, "mae", 0.62, "r2", 0.25, "max_error", 2.5));

    @Test
    void withNoThresholdAndNoChampionTheBlessingSaysSo() {
        BlessingJudge.Judgement judgement = judge(Map.of(), true, null);

        assertThat(judgement.blessed()).isTrue();
        assertThat(judgement.checks()).isEmpty();
        assertThat(judgement.reasons())
                .containsExactly("no champion yet: nothing to compare with", "no thresholds configured");
    }

    @Test
    void withAChampionAndNoChangeThresholdTheRmseMustBeStrictlyLower() {
        BlessingJudge.Judgement better = judge(Map.of(), true, CHAMPION);
        BlessingJudge.Judgement tie = judge(Map.of(), true, ChampionScore.scored(3, CANDIDATE));

        assertThat(better.blessed()).isTrue();
        assertThat(better.checks()).singleElement().satisfies(check -> {
            assertThat(check.kind()).isEqualTo("change_absolute");
            assertThat(check.baseline()).isEqualTo(0.80);
        });
        assertThat(tie.blessed()).isFalse();
        assertThat(tie.reasons())
                .singleElement()
                .asString()
                .isEqualTo("failed: rmse 0.750000 vs champion version 3's 0.750000 (lower_is_better): "
                        + "improvement 0.000000 <= 0 required");
    }

    @Test
    void valueThresholdsAreInclusiveBounds() {
        BlessingJudge.Judgement judgement = judge(
                Map.of("rmse", Map.of("max", 0.75), "r2", Map.of("min", 0.31), "max_error", Map.of("max", 2.0)),
                false,
                null);

        assertThat(judgement.blessed()).isFalse();
        assertThat(judgement.reasons())
                .containsExactlyInAnyOrder(
                        "passed: rmse 0.750000 <= max 0.75",
                        "failed: r2 0.300000 < min 0.31",
                        "failed: max_error 3.000000 > max 2");
    }

    @Test
    void relativeChangeThresholdsScaleWithTheChampionsValue() {
        // 0.05 better than 0.80 is 6.25%: enough for 5%, not for 10%
        assertThat(judge(Map.of("rmse", Map.of("change", Map.of("relative", 0.05))), true, CHAMPION)
                        .blessed())
                .isTrue();
        BlessingJudge.Judgement strict =
                judge(Map.of("rmse", Map.of("change", Map.of("relative", 0.10))), true, CHAMPION);
        assertThat(strict.blessed()).isFalse();
        assertThat(strict.reasons())
                .singleElement()
                .asString()
                .endsWith("improvement 0.050000 <= 0.080000 required (10% of the champion's)");
    }

    @Test
    void changeThresholdsFollowTheMetricsDirectionAndCanTolerateRegression() {
        // r2 is higher-is-better: 0.30 against 0.25 is an improvement of 0.05
        assertThat(judge(Map.of("r2", Map.of("change", Map.of("absolute", 0.04))), true, CHAMPION)
                        .blessed())
                .isTrue();
        // max_error got worse by 0.5; allowed when up to 1.0 of regression is tolerated
        assertThat(judge(Map.of("max_error", Map.of("change", Map.of("absolute", -1.0))), true, CHAMPION)
                        .blessed())
                .isTrue();
        assertThat(judge(Map.of("max_error", Map.of("change", Map.of("absolute", -0.4))), true, CHAMPION)
                        .blessed())
                .isFalse();
        // an explicit direction wins over the metric's own
        assertThat(judge(
                                Map.of("r2", Map.of("change", Map.of("absolute", 0, "direction", "lower_is_better"))),
                                true,
                                CHAMPION)
                        .blessed())
                .isFalse();
    }

    @Test
    void aChampionThatCannotBeScoredMeansNoBlessing() {
        BlessingJudge.Judgement judgement =
                judge(Map.of(), true, ChampionScore.unscorable(2, "the data has no column 'pH'"));

        assertThat(judgement.blessed()).isFalse();
        assertThat(judgement.reasons())
                .singleElement()
                .asString()
                .contains("version 2 cannot be scored")
                .contains("no column 'pH'");
    }

    @Test
    void changeThresholdsAreNotAppliedWithoutComparison() {
        BlessingJudge.Judgement judgement =
                judge(Map.of("rmse", Map.of("change", Map.of("relative", 0.5))), false, null);

        assertThat(judgement.blessed()).isTrue();
        assertThat(judgement.reasons()).containsExactly("compare_to is none: change thresholds are not applied");
    }

    @Test
    void configurationMistakesNameTheField() {
        assertThatThrownBy(() -> parse(Map.of("accuracy", Map.of("min", 0.9))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("task 'evaluate': with.thresholds.accuracy: unknown metric");
        assertThatThrownBy(() -> parse(Map.of("rmse", Map.of("maximum", 0.9))))
                .hasMessageStartingWith("task 'evaluate': with.thresholds.rmse.maximum: unknown setting");
        assertThatThrownBy(() -> parse(Map.of("rmse", Map.of("change", Map.of("direction", "lower")))))
                .hasMessage("task 'evaluate': with.thresholds.rmse.change: needs absolute or relative");
        assertThatThrownBy(() -> parse(Map.of("rmse", Map.of("change", Map.of("absolute", 0, "direction", "up")))))
                .hasMessageContaining("with.thresholds.rmse.change.direction: unknown direction 'up'");
        assertThatThrownBy(() -> parse(Map.of("r2", Map.of("min", 0.5, "max", 0.1))))
                .hasMessageContaining("with.thresholds.r2: r2: min 0.5 is above max 0.1");
    }

    private static BlessingJudge.Judgement judge(
            Map<String, Object> thresholds, boolean compare, ChampionScore champion) {
        return new BlessingJudge(parse(thresholds), compare).judge(CANDIDATE, champion, "champion");
    }

    private static List<MetricThreshold> parse(Map<String, Object> thresholds) {
        return MetricThreshold.parse(
                new TaskConfig("evaluate", Map.of("thresholds", thresholds)).section("thresholds"));
    }
}
