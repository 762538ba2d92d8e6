package dev.freshet.tasks.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.freshet.engine.error.InvalidInputException;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.descriptive.moment.SecondMoment;
import org.apache.commons.math3.util.MathArrays;

/**
 * How well predictions match actual values, defined as scikit-learn defines them: root mean squared error,
 * mean absolute error, coefficient of determination R² and the largest absolute error.
 */
@JsonPropertyOrder({"rmse", "mae", "r2", "max_error"})
public record RegressionMetrics(
        @JsonProperty("rmse") double rmse,
        @JsonProperty("mae") double mae,
        @JsonProperty("r2") double r2,
        @JsonProperty("max_error") double maxError) {

    public RegressionMetrics {
        if (!(rmse >= 0) || !(mae >= 0) || !(maxError >= 0) || Double.isNaN(r2)) {
            throw new InvalidInputException("metrics must be numbers, errors >= 0: rmse=" + rmse + ", mae=" + mae
                    + ", r2=" + r2 + ", max_error=" + maxError);
        }
    }

    public static RegressionMetrics of(double[] actual, double[] predicted) {
        if (actual.length != predicted.length) {
            throw new InvalidInputException(actual.length + " actual values but " + predicted.length + " predictions");
        }
        if (actual.length == 0) {
            throw new InvalidInputException("cannot score zero predictions");
        }
        requireFinite(actual, "actual value");
        requireFinite(predicted, "prediction");
        int n = actual.length;
        double squaredErrorSum = StatUtils.sumSq(MathArrays.ebeSubtract(actual, predicted));
        double rmse = Math.sqrt(squaredErrorSum / n);
        double mae = MathArrays.distance1(actual, predicted) / n;
        double maxError = MathArrays.distanceInf(actual, predicted);
        double totalSumOfSquares = new SecondMoment().evaluate(actual);
        return new RegressionMetrics(rmse, mae, r2(squaredErrorSum, totalSumOfSquares), maxError);
    }

    private static void requireFinite(double[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidInputException(what + " " + i + " is not a finite number: " + values[i]);
            }
        }
    }

    // scikit-learn's r2_score with force_finite: a constant target scores 1 if predicted exactly, else 0.
    private static double r2(double residualSumOfSquares, double totalSumOfSquares) {
        if (totalSumOfSquares == 0) {
            return residualSumOfSquares == 0 ? 1.0 : 0.0;
        }
        return 1.0 - residualSumOfSquares / totalSumOfSquares;
    }
}
