package dev.freshet.tasks.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.tasks.data.Table;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

class LinearModelTest {

    private static final LinearModel MODEL = new LinearModel(
            List.of("a", "b"), new double[] {2.0, -0.5}, 1.0, 7, 1.5e-6, true, ElasticNetParams.of(0.5, 0.1));

    @TempDir
    Path dir;

    @Test
    void roundTripsThroughAJsonFile() {
        Path file = dir.resolve("models/model.json");

        MODEL.write(file);
        LinearModel read = LinearModel.read(file);

        assertThat(read).isEqualTo(MODEL);
        assertThat(read.predict(new double[][] {{1, 2}})).containsExactly(2.0);
    }

    @Test
    void writesStableFieldNames() throws Exception {
        JsonNode json = new ObjectMapper().readTree(MODEL.toJson());

        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly(
                        "feature_names", "coefficients", "intercept", "iterations", "dual_gap", "converged", "params");
        assertThat(json.get("feature_names").get(1).asText()).isEqualTo("b");
        assertThat(json.get("coefficients").get(0).asDouble()).isEqualTo(2.0);
        assertThat(json.get("params").fieldNames())
                .toIterable()
                .containsExactly("alpha", "l1_ratio", "tol", "max_iter", "fit_intercept", "positive", "standardize");
        assertThat(json.get("params").get("l1_ratio").asDouble()).isEqualTo(0.1);
    }

    @Test
    void predictsRowsInFeatureOrder() {
        assertThat(MODEL.predict(new double[][] {{0, 0}, {1, 0}, {0, 2}})).containsExactly(1.0, 3.0, 0.0);
    }

    @Test
    void predictsATableByColumnName() {
        Table table = new Table(List.of("b", "extra", "a"), new double[][] {{2, 99, 0}, {0, -1, 1}});

        assertThat(MODEL.predict(table)).containsExactly(new double[] {0.0, 3.0}, within(1e-15));
    }

    @Test
    void namesTheColumnATableIsMissing() {
        Table table = new Table(List.of("a", "c"), new double[][] {{1, 2}});

        assertThatThrownBy(() -> MODEL.predict(table))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no column 'b'")
                .hasMessageContaining("[a, c]");
    }

    @Test
    void rejectsRowsOfTheWrongWidth() {
        assertThatThrownBy(() -> MODEL.predict(new double[][] {{1, 2}, {1}}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("row 1 has 1 values, the model has 2 features");
    }

    @Test
    void rejectsInconsistentModels() {
        ElasticNetParams params = ElasticNetParams.of(1, 1);
        assertThatThrownBy(() -> new LinearModel(List.of("a"), new double[] {1, 2}, 0, 1, 0, true, params))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 feature names but 2 coefficients");
        assertThatThrownBy(() -> new LinearModel(List.of("a", "a"), new double[] {1, 2}, 0, 1, 0, true, params))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> new LinearModel(List.of("a"), new double[] {Double.NaN}, 0, 1, 0, true, params))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'a'");
    }

    @Test
    void coefficientsCannotBeChangedFromOutside() {
        double[] coefficients = MODEL.coefficients();
        coefficients[0] = 100;

        assertThat(MODEL.coefficient("a")).isEqualTo(2.0);
        assertThat(MODEL.coefficientsByName()).containsExactly(entry("a", 2.0), entry("b", -0.5));
    }

    @Test
    void readingAMissingOrBrokenFileNamesIt() throws Exception {
        Path missing = dir.resolve("nope.json");
        Path broken = dir.resolve("broken.json");
        Files.writeString(
                broken,
                "{\"feature_names\": [\"a\"], \"coefficients\": [1, 2], \"intercept\": 0,"
                        + " \"iterations\": 1, \"dual_gap\": 0, \"converged\": true,"
                        + " \"params\": {\"alpha\": 1, \"l1_ratio\": 0.5, \"tol\": 1e-4, \"max_iter\": 10,"
                        + " \"fit_intercept\": true, \"positive\": false}}");

        assertThatThrownBy(() -> LinearModel.read(missing))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(missing + ": model file not found");
        assertThatThrownBy(() -> LinearModel.read(broken))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(broken.toString())
                .hasMessageContaining("1 feature names but 2 coefficients");
    }
}
