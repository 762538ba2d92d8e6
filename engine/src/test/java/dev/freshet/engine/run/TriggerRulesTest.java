package dev.freshet.engine.run;

import dev.freshet.engine.run.TriggerRules.Decision;
import dev.freshet.engine.workflow.TriggerRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TriggerRulesTest {

    @ParameterizedTest(name = "{0} with upstream [{1}] -> {2}")
    @CsvSource(
            delimiter = ';',
            value = {
                "ALL_SUCCESS; success success; RUN",
                "ALL_SUCCESS; success running; WAIT",
                "ALL_SUCCESS; failed running; UPSTREAM_FAILED",
                "ALL_SUCCESS; upstream_failed success; UPSTREAM_FAILED",
                "ALL_SUCCESS; skipped success; SKIP",
                "ALL_FAILED; failed upstream_failed; RUN",
                "ALL_FAILED; failed success; SKIP",
                "ALL_FAILED; failed running; WAIT",
                "ALL_DONE; failed skipped success; RUN",
                "ALL_DONE; failed running; WAIT",
                "ONE_SUCCESS; success running; RUN",
                "ONE_SUCCESS; failed failed; UPSTREAM_FAILED",
                "ONE_SUCCESS; skipped skipped; SKIP",
                "ONE_SUCCESS; failed running; WAIT",
                "ONE_FAILED; failed running; RUN",
                "ONE_FAILED; success success; SKIP",
                "ONE_FAILED; success running; WAIT",
                "NONE_FAILED; success skipped; RUN",
                "NONE_FAILED; failed success; UPSTREAM_FAILED",
                "NONE_FAILED; success running; WAIT",
                "NONE_SKIPPED; success failed; RUN",
                "NONE_SKIPPED; skipped running; SKIP",
                "ALWAYS; running scheduled; RUN",
            })
    void decidesLikeAirflow(TriggerRule rule, String upstream, Decision expected) {
        List<TaskState> states = Arrays.stream(upstream.trim().split(" "))
                .map(TaskState::fromWire)
                .toList();

        assertThat(TriggerRules.decide(rule, states)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"ALL_SUCCESS", "ALL_FAILED", "ONE_SUCCESS", "NONE_SKIPPED"})
    void aTaskWithoutUpstreamRunsAtOnce(TriggerRule rule) {
        assertThat(TriggerRules.decide(rule, List.of())).isEqualTo(Decision.RUN);
    }
}
