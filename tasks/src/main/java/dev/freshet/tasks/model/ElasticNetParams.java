package dev.freshet.tasks.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.error.InvalidInputException;

/**
 * Settings of an {@link ElasticNet} fit, named and defaulted as in scikit-learn's {@code ElasticNet}.
 *
 * @param alpha        overall strength of the penalty, >= 0
 * @param l1Ratio      share of the penalty that is L1, in [0, 1]
 * @param tol          tolerance of the coordinate-descent stopping rule (scaled by y'y inside the solver)
 * @param maxIter      most coordinate-descent sweeps
 * @param fitIntercept fit an unpenalised intercept (the data are centred) or force it to 0
 * @param positive     constrain every coefficient to be >= 0
 * @param standardize  penalise the coefficients of features scaled to unit variance, as scikit-learn's
 *                     {@code make_pipeline(StandardScaler(), ElasticNet())} does; the fitted coefficients are
 *                     still reported on the raw features. Off by default, as in scikit-learn's ElasticNet.
 */
@JsonPropertyOrder({"alpha", "l1_ratio", "tol", "max_iter", "fit_intercept", "positive", "standardize"})
public record ElasticNetParams(
        @JsonProperty("alpha") double alpha,
        @JsonProperty("l1_ratio") double l1Ratio,
        @JsonProperty("tol") double tol,
        @JsonProperty("max_iter") int maxIter,
        @JsonProperty("fit_intercept") boolean fitIntercept,
        @JsonProperty("positive") boolean positive,
        @JsonProperty("standardize") boolean standardize) {

    public static final double DEFAULT_TOL = 1e-4;
    public static final int DEFAULT_MAX_ITER = 1000;

    public ElasticNetParams {
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new InvalidInputException("alpha must be a finite number >= 0, was " + alpha);
        }
        if (!(l1Ratio >= 0 && l1Ratio <= 1)) {
            throw new InvalidInputException("l1_ratio must be in [0, 1], was " + l1Ratio);
        }
        if (!(tol >= 0) || Double.isInfinite(tol)) {
            throw new InvalidInputException("tol must be a finite number >= 0, was " + tol);
        }
        if (maxIter < 1) {
            throw new InvalidInputException("max_iter must be >= 1, was " + maxIter);
        }
    }

    /** The given penalty with scikit-learn's defaults for everything else. */
    public static ElasticNetParams of(double alpha, double l1Ratio) {
        return new ElasticNetParams(alpha, l1Ratio, DEFAULT_TOL, DEFAULT_MAX_ITER, true, false, false);
    }

    public ElasticNetParams withTol(double newTol) {
        return new ElasticNetParams(alpha, l1Ratio, newTol, maxIter, fitIntercept, positive, standardize);
    }

    public ElasticNetParams withMaxIter(int newMaxIter) {
        return new ElasticNetParams(alpha, l1Ratio, tol, newMaxIter, fitIntercept, positive, standardize);
    }

    public ElasticNetParams withFitIntercept(boolean newFitIntercept) {
        return new ElasticNetParams(alpha, l1Ratio, tol, maxIter, newFitIntercept, positive, standardize);
    }

    public ElasticNetParams withPositive(boolean newPositive) {
        return new ElasticNetParams(alpha, l1Ratio, tol, maxIter, fitIntercept, newPositive, standardize);
    }

    public ElasticNetParams withStandardize(boolean newStandardize) {
        return new ElasticNetParams(alpha, l1Ratio, tol, maxIter, fitIntercept, positive, newStandardize);
    }

    /**
     * Reads the JSON form strictly, except that {@code standardize} may be absent: models written before it existed
     * were all fitted without it.
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static ElasticNetParams fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new InvalidInputException("params: expected an object, got " + json);
        }
        JsonNode standardize = json.get("standardize");
        return new ElasticNetParams(
                number(json, "alpha"),
                number(json, "l1_ratio"),
                number(json, "tol"),
                whole(json, "max_iter"),
                bool(json, "fit_intercept"),
                bool(json, "positive"),
                standardize != null && !standardize.isNull() && bool(json, "standardize"));
    }

    private static double number(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isNumber()) {
            throw new InvalidInputException("params." + field + ": expected a number, got " + value);
        }
        return value.doubleValue();
    }

    private static int whole(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw new InvalidInputException("params." + field + ": expected a whole number, got " + value);
        }
        return value.intValue();
    }

    private static boolean bool(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isBoolean()) {
            throw new InvalidInputException("params." + field + ": expected true or false, got " + value);
        }
        return value.booleanValue();
    }
}
