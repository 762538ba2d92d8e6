package dev.freshet.tasks.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class RegressionMetricsTest {

    @Test
    void matchesScikitLearnOnItsDocumentationExample() {
        // sklearn.metrics docs: y_true = [3, -0.5, 2, 7], y_pred = [2.5, 0.0, 2, 8]
        RegressionMetrics metrics = RegressionMetrics.of(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0.0, 2, 8});

        assertThat(metrics.rmse()).isCloseTo(Math.sqrt(0.375), within(1e-15));
        assertThat(metrics.mae()).isCloseTo(0.5, within(1e-15));
        assertThat(metrics.r2()).isCloseTo(0.9486081370449679, within(1e-15));
        assertThat(metrics.maxError()).isEqualTo(1.0);
    }

    @Test
    void perfectPredictionsScoreOne() {
        RegressionMetrics metrics = RegressionMetrics.of(new double[] {1, 2, 3}, new double[] {1, 2, 3});

        assertThat(metrics).isEqualTo(new RegressionMetrics(0, 0, 1, 0));
    }

    @Test
    void constantTargetScoresLikeScikitLearn() {
        assertThat(RegressionMetrics.of(new double[] {2, 2}, new double[] {2, 2})
                        .r2())
                .isEqualTo(1.0);
        assertThat(RegressionMetrics.of(new double[] {2, 2}, new double[] {1, 2})
                        .r2())
                .isEqualTo(0.0);
    }

    @Test
    void writesSnakeCaseJson() throws Exception {
        String json = new ObjectMapper().writeValueAsString(new RegressionMetrics(0.5, 0.25, 0.9, 1.5));

        assertThat(json).isEqualTo("{\"rmse\":0.5,\"mae\":0.25,\"r2\":0.9,\"max_error\":1.5}");
        assertThat(new ObjectMapper().readValue(json, RegressionMetrics.class))
                .isEqualTo(new RegressionMetrics(0.5, 0.25, 0.9, 1.5));
    }

    @Test
    void rejectsMismatchedOrEmptyOrNonFiniteInput() {
        assertThatThrownBy(() -> RegressionMetrics.of(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2 actual values but 1 predictions");
        assertThatThrownBy(() -> RegressionMetrics.of(new double[0], new double[0]))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> RegressionMetrics.of(new double[] {1}, new double[] {Double.NaN}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("prediction 0");
    }
}
