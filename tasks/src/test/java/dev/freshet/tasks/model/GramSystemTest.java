package dev.freshet.tasks.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The one-pass, block-wise Gram matrix against the textbook two-pass computation. */
class GramSystemTest {

    private static final int ROWS = 2 * GramSystem.BLOCK_ROWS + 777; // two full blocks and a partial one

    @Test
    void centredSystemEqualsTheTwoPassComputationForAnyColumnOrder() {
        double[][] rows = GramTestData.rows(ROWS, 6, 1);
        int[] columns = {4, 0, 5, 2}; // not the leading columns: the indirect path
        double[] y = GramTestData.target(rows, 2);

        GramSystem system = GramSystem.compute(new DesignMatrix(List.of("e", "a", "f", "c"), rows, columns, y), true);

        double[] mean = new double[4];
        double yMean = 0;
        for (int i = 0; i < ROWS; i++) {
            for (int a = 0; a < 4; a++) {
                mean[a] += rows[i][columns[a]] / ROWS;
            }
            yMean += y[i] / ROWS;
        }
        for (int a = 0; a < 4; a++) {
            assertThat(system.xMean()[a]).isCloseTo(mean[a], within(1e-9));
            for (int b = 0; b < 4; b++) {
                double expected = 0;
                for (int i = 0; i < ROWS; i++) {
                    expected += (rows[i][columns[a]] - mean[a]) * (rows[i][columns[b]] - mean[b]);
                }
                assertThat(system.gram()[a * 4 + b]).isCloseTo(expected, within(1e-9 * Math.abs(expected) + 1e-9));
            }
            double xty = 0;
            for (int i = 0; i < ROWS; i++) {
                xty += (rows[i][columns[a]] - mean[a]) * (y[i] - yMean);
            }
            assertThat(system.xty()[a]).isCloseTo(xty, within(1e-9 * Math.abs(xty) + 1e-9));
            double deviation = Math.sqrt(system.gram()[a * 4 + a] / ROWS);
            assertThat(system.featureScale()[a]).isCloseTo(deviation, within(1e-12));
        }
        assertThat(system.yMean()).isCloseTo(yMean, within(1e-9));
        double yy = 0;
        for (double value : y) {
            yy += (value - yMean) * (value - yMean);
        }
        assertThat(system.yNorm2()).isCloseTo(yy, within(1e-9 * yy));
    }

    @Test
    void withoutCentringItIsTheRawSystem() {
        double[][] rows = GramTestData.rows(ROWS, 3, 3);
        double[] y = GramTestData.target(rows, 4);

        GramSystem system =
                GramSystem.compute(new DesignMatrix(List.of("a", "b", "c"), rows, new int[] {0, 1, 2}, y), false);

        double raw01 = 0;
        double rawY2 = 0;
        for (int i = 0; i < ROWS; i++) {
            raw01 += rows[i][0] * rows[i][1];
            rawY2 += y[i] * y[i];
        }
        assertThat(system.gram()[1]).isCloseTo(raw01, within(1e-9 * raw01));
        assertThat(system.yNorm2()).isCloseTo(rawY2, within(1e-9 * rawY2));
        assertThat(system.xMean()).containsOnly(0.0);
        assertThat(system.yMean()).isZero();
    }

    @Test
    void aConstantFeatureKeepsScaleOne() {
        double[][] rows = GramTestData.rows(100, 2, 5);
        for (double[] row : rows) {
            row[1] = 7.5;
        }

        GramSystem system = GramSystem.compute(
                new DesignMatrix(List.of("a", "b"), rows, new int[] {0, 1}, GramTestData.target(rows, 6)), true);

        assertThat(system.featureScale()[1]).isEqualTo(1.0);
        assertThat(system.gram()[3]).isCloseTo(0.0, within(1e-9));
    }
}
