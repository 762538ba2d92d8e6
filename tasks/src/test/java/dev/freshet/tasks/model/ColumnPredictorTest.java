package dev.freshet.tasks.model;

import dev.freshet.tasks.data.Table;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColumnPredictorTest {

    private static final int FEATURES = 40;
    private static final int ROWS = 3000;

    /** Features of scales from 1e-4 to 1e6 with as varied coefficients: a sum taken in another order differs. */
    private static LinearModel model(List<String> features, long seed) {
        Random random = new Random(seed);
        double[] coefficients = new double[features.size()];
        for (int j = 0; j < coefficients.length; j++) {
            coefficients[j] = random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
        }
        return new LinearModel(
                features, coefficients, random.nextGaussian() * 1e3, 1, 0, true, ElasticNetParams.of(0.1, 0.5));
    }

    @Test
    void predictsAChunkColumnByColumnToTheBitAsTheRowPathDoes() {
        Random random = new Random(11);
        List<String> features = new ArrayList<>();
        for (int j = 0; j < FEATURES; j++) {
            features.add("x" + j);
        }
        List<String> columns = new ArrayList<>(features);
        columns.add("y");
        columns.add("extra");
        Collections.shuffle(columns, random);
        double[][] values = new double[columns.size()][ROWS + 100];
        double[][] rows = new double[ROWS][columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            double scale = Math.pow(10, random.nextInt(11) - 4);
            for (int i = 0; i < ROWS; i++) {
                values[c][i] = random.nextGaussian() * scale + scale;
                rows[i][c] = values[c][i];
            }
        }
        List<String> reversed = new ArrayList<>(features.subList(5, 30));
        Collections.reverse(reversed);

        for (LinearModel model : List.of(model(features, 1), model(reversed, 2))) {
            double[] expected = model.predict(new Table(columns, rows));
            ColumnPredictor predictor = ColumnPredictor.of(model, columns);

            assertThat(Arrays.copyOf(predictor.predict(values, ROWS), ROWS)).isEqualTo(expected);
            assertThat(Arrays.copyOf(predictor.predict(values, 17), 17))
                    .as("a shorter chunk in the reused buffer")
                    .isEqualTo(Arrays.copyOf(expected, 17));
        }
    }

    @Test
    void aRowWithAMissingFeaturePredictsNaN() {
        LinearModel model = model(List.of("a", "b"), 3);
        double[][] values = {{1, Double.NaN, 3}, {4, 5, 6}};

        double[] predictions = ColumnPredictor.of(model, List.of("a", "b")).predict(values, 3);

        assertThat(predictions[0]).isFinite();
        assertThat(predictions[1]).isNaN();
        assertThat(predictions[2]).isFinite();
    }

    @Test
    void dataWithoutAFeatureIsRefusedAsPredictRefusesIt() {
        LinearModel model = model(List.of("a", "b"), 4);
        List<String> columns = List.of("a", "y");

        assertThatThrownBy(() -> ColumnPredictor.of(model, columns))
                .hasMessage("the data has no column 'b', which the model needs (columns: [a, y])");
        assertThatThrownBy(() -> model.predict(new Table(columns, new double[][] {{1, 2}})))
                .hasMessage("the data has no column 'b', which the model needs (columns: [a, y])");
    }
}
