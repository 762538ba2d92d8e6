package dev.freshet.cli;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prediction log is opt-in: off unless the option or FRESHET_PREDICTION_LOG says on. */
class PredictionLogOptionTest {
    @Test
    void offUnlessSaidOn() {
        assertThat(PredictionLogOption.parse(null)).isFalse();
        assertThat(PredictionLogOption.parse(" ")).isFalse();
        assertThat(PredictionLogOption.parse("on")).isTrue();
        assertThat(PredictionLogOption.parse("TRUE")).isTrue();
        assertThat(PredictionLogOption.parse("off")).isFalse();
    }

    @Test
    void anythingElseIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> PredictionLogOption.parse("maybe"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("FRESHET_PREDICTION_LOG")
                .hasMessageContaining("'maybe'");
    }
}
