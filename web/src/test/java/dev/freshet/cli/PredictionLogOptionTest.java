package dev.freshet.cli;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prediction log is on by default: off only when the option or FRESHET_PREDICTION_LOG says off. */
class PredictionLogOptionTest {
    @Test
    void onUnlessSaidOff() {
        assertThat(PredictionLogOption.parse(null)).isTrue();
        assertThat(PredictionLogOption.parse(" ")).isTrue();
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
