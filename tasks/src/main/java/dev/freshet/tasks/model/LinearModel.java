package dev.freshet.tasks.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.tasks.data.Table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A fitted linear model {@code y = intercept + sum(coefficients[j] * x[feature_names[j]])} with how it was fitted.
 * Stored as JSON with the field names {@code feature_names, coefficients, intercept, iterations, dual_gap,
 * converged, params}.
 *
 * @param iterations coordinate-descent sweeps the fit took
 * @param dualGap    duality gap at the end of the fit, on the scale of the 1/(2n) objective (scikit-learn's
 *                   {@code dual_gap_})
 * @param converged  whether the gap fell below {@code tol * y'y} before {@code max_iter} sweeps
 */
@JsonPropertyOrder({"feature_names", "coefficients", "intercept", "iterations", "dual_gap", "converged", "params"})
public record LinearModel(
        @JsonProperty("feature_names") List<String> featureNames,
        @JsonProperty("coefficients") double[] coefficients,
        @JsonProperty("intercept") double intercept,
        @JsonProperty("iterations") int iterations,
        @JsonProperty("dual_gap") double dualGap,
        @JsonProperty("converged") boolean converged,
        @JsonProperty("params") ElasticNetParams params) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    public LinearModel {
        if (featureNames == null || coefficients == null || params == null) {
            throw new InvalidInputException("a linear model needs feature_names, coefficients and params");
        }
        featureNames = List.copyOf(featureNames);
        coefficients = coefficients.clone();
        if (featureNames.isEmpty()) {
            throw new InvalidInputException("a linear model needs at least one feature");
        }
        if (featureNames.size() != coefficients.length) {
            throw new InvalidInputException("the model has " + featureNames.size() + " feature names but "
                    + coefficients.length + " coefficients");
        }
        Set<String> seen = new HashSet<>();
        for (String name : featureNames) {
            if (name.isBlank() || !seen.add(name)) {
                throw new InvalidInputException("feature names must be non-blank and unique: " + featureNames);
            }
        }
        for (int j = 0; j < coefficients.length; j++) {
            if (!Double.isFinite(coefficients[j])) {
                throw new InvalidInputException(
                        "coefficient of '" + featureNames.get(j) + "' is not finite: " + coefficients[j]);
            }
        }
        if (!Double.isFinite(intercept)) {
            throw new InvalidInputException("intercept is not finite: " + intercept);
        }
        if (iterations < 0) {
            throw new InvalidInputException("iterations must be >= 0, was " + iterations);
        }
    }

    @Override
    public double[] coefficients() {
        return coefficients.clone();
    }

    public double coefficient(String feature) {
        int index = featureNames.indexOf(feature);
        if (index < 0) {
            throw new InvalidInputException(
                    "the model has no feature '" + feature + "' (features: " + featureNames + ")");
        }
        return coefficients[index];
    }

    /** Feature name to coefficient, in feature order. */
    public Map<String, Double> coefficientsByName() {
        Map<String, Double> byName = new LinkedHashMap<>();
        for (int j = 0; j < coefficients.length; j++) {
            byName.put(featureNames.get(j), coefficients[j]);
        }
        return byName;
    }

    /** Predicts each row; row values are in {@link #featureNames()} order. */
    public double[] predict(double[][] rows) {
        double[] predictions = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != coefficients.length) {
                throw new InvalidInputException("row " + i + " has " + rows[i].length + " values, the model has "
                        + coefficients.length + " features " + featureNames);
            }
            double sum = intercept;
            for (int j = 0; j < coefficients.length; j++) {
                sum += coefficients[j] * rows[i][j];
            }
            predictions[i] = sum;
        }
        return predictions;
    }

    /** Predicts each row of the table, taking the features by name; other columns are ignored. */
    public double[] predict(Table data) {
        int[] columns = featureColumns(data.columns());
        double[][] rows = data.rows();
        double[] predictions = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            double sum = intercept;
            for (int j = 0; j < columns.length; j++) {
                sum += coefficients[j] * rows[i][columns[j]];
            }
            predictions[i] = sum;
        }
        return predictions;
    }

    /** The position of each feature, in feature order, among the data's {@code columns}. */
    int[] featureColumns(List<String> columns) {
        int[] positions = new int[featureNames.size()];
        for (int j = 0; j < positions.length; j++) {
            String feature = featureNames.get(j);
            positions[j] = columns.indexOf(feature);
            if (positions[j] < 0) {
                throw new InvalidInputException(
                        "the data has no column '" + feature + "', which the model needs (columns: " + columns + ")");
            }
        }
        return positions;
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new FreshetException("cannot write the model as JSON", e);
        }
    }

    public static LinearModel fromJson(String json) {
        try {
            return JSON.readValue(json, LinearModel.class);
        } catch (IOException e) {
            throw new InvalidInputException("not a linear model: " + e.getMessage(), e);
        }
    }

    /** Writes the model as JSON, creating parent directories as needed. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new FreshetException(file + ": cannot write the model: " + e, e);
        }
    }

    public static LinearModel read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": model file not found", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read the model: " + e, e);
        }
        try {
            return JSON.readValue(json, LinearModel.class);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not a linear model: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LinearModel that
                && featureNames.equals(that.featureNames)
                && Arrays.equals(coefficients, that.coefficients)
                && Double.compare(intercept, that.intercept) == 0
                && iterations == that.iterations
                && Double.compare(dualGap, that.dualGap) == 0
                && converged == that.converged
                && params.equals(that.params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                featureNames, Arrays.hashCode(coefficients), intercept, iterations, dualGap, converged, params);
    }

    @Override
    public String toString() {
        return "LinearModel[features=" + coefficientsByName() + ", intercept=" + intercept + ", iterations="
                + iterations + ", dual_gap=" + dualGap + ", converged=" + converged + ", params=" + params + "]";
    }
}
