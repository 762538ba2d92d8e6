package dev.freshet.tasks.model;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.tasks.data.Table;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.stat.StatUtils;
import org.apache.commons.math3.stat.regression.OLSMultipleLinearRegression;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Elastic net on synthetic data whose solution is known in closed form or by its optimality conditions. */
class ElasticNetTest {

    private static final double[] TRUE_COEFFICIENTS = {2.0, -1.5, 0.5, 0.0};
    private static final double TRUE_INTERCEPT = 3.0;

    @Test
    void aFitOnRowsStreamedIntoTheGramMatrixEqualsTheInMemoryFitBitForBit() {
        Random random = new Random(17);
        int n = 10_000; // several blocks of rows and a partial last one
        double[][] rows = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = new double[] {random.nextGaussian() * 3 + 10, random.nextGaussian(), random.nextInt(7)};
            y[i] = 2 * rows[i][0] - rows[i][1] + 0.5 * rows[i][2] + random.nextGaussian();
        }
        List<String> names = List.of("a", "b", "c");
        for (boolean standardize : new boolean[] {false, true}) {
            ElasticNet net = new ElasticNet(new ElasticNetParams(
                    0.05,
                    0.3,
                    ElasticNetParams.DEFAULT_TOL,
                    ElasticNetParams.DEFAULT_MAX_ITER,
                    true,
                    false,
                    standardize));
            LinearModel inMemory = net.fit(names, rows, y);
            LinearModel streamed;
            try (GramAccumulator accumulator = net.newAccumulator(3)) {
                for (int i = 0; i < n; i++) {
                    accumulator.add(rows[i], y[i]);
                }
                streamed = net.fit(names, accumulator);
            }
            assertThat(streamed.coefficients()).containsExactly(inMemory.coefficients());
            assertThat(streamed.intercept()).isEqualTo(inMemory.intercept());
            assertThat(net.canStream(n, 3)).isTrue();
        }
    }

    @Test
    void withoutPenaltyRecoversTheCoefficientsOfNoiseFreeData() {
        double[][] x = randomMatrix(200, 4, 1);
        double[] y = linear(x, TRUE_COEFFICIENTS, TRUE_INTERCEPT, 0.0, 2);

        LinearModel model = fit(ElasticNetParams.of(0.0, 0.5).withTol(1e-14).withMaxIter(100_000), x, y);

        assertThat(model.coefficients()).containsExactly(TRUE_COEFFICIENTS, within(1e-6));
        assertThat(model.intercept()).isCloseTo(TRUE_INTERCEPT, within(1e-6));
        assertThat(model.converged()).isTrue();
    }

    @Test
    void withoutPenaltyMatchesOrdinaryLeastSquaresOnNoisyData() {
        double[][] x = randomMatrix(150, 4, 3);
        double[] y = linear(x, TRUE_COEFFICIENTS, TRUE_INTERCEPT, 0.7, 4);
        OLSMultipleLinearRegression ols = new OLSMultipleLinearRegression();
        ols.newSampleData(y, x);
        double[] beta = ols.estimateRegressionParameters(); // intercept first

        LinearModel model = fit(ElasticNetParams.of(0.0, 0.5).withTol(1e-14).withMaxIter(100_000), x, y);

        assertThat(model.intercept()).isCloseTo(beta[0], within(1e-6));
        for (int j = 0; j < 4; j++) {
            assertThat(model.coefficients()[j]).isCloseTo(beta[j + 1], within(1e-6));
        }
    }

    @Test
    void pureL2PenaltyMatchesClosedFormRidge() {
        double[][] x = randomMatrix(120, 4, 5);
        double[] y = linear(x, TRUE_COEFFICIENTS, TRUE_INTERCEPT, 0.5, 6);
        double alpha = 0.3;
        int n = x.length;
        // (Xc'Xc + n alpha I) w = Xc'yc minimises 1/(2n)|yc - Xc w|^2 + alpha/2 |w|^2
        RealMatrix xc = MatrixUtils.createRealMatrix(centre(x));
        RealMatrix lhs = xc.transpose()
                .multiply(xc)
                .add(MatrixUtils.createRealIdentityMatrix(4).scalarMultiply(n * alpha));
        double[] yc = y.clone();
        double yMean = StatUtils.mean(y);
        for (int i = 0; i < n; i++) {
            yc[i] -= yMean;
        }
        double[] ridge = new CholeskyDecomposition(lhs)
                .getSolver()
                .solve(xc.transpose().operate(new ArrayRealVector(yc)))
                .toArray();

        LinearModel model = fit(ElasticNetParams.of(alpha, 0.0).withTol(1e-14).withMaxIter(100_000), x, y);

        assertThat(model.coefficients()).containsExactly(ridge, within(1e-8));
    }

    @Test
    void penaltyAboveAlphaMaxZeroesEveryCoefficientAndLeavesTheMean() {
        double[][] x = randomMatrix(100, 4, 7);
        double[] y = linear(x, TRUE_COEFFICIENTS, TRUE_INTERCEPT, 0.3, 8);
        double l1Ratio = 0.5;
        double alphaMax = alphaMax(x, y, l1Ratio);

        LinearModel zero = fit(ElasticNetParams.of(alphaMax * 1.0001, l1Ratio), x, y);
        LinearModel notZero = fit(ElasticNetParams.of(alphaMax * 0.99, l1Ratio), x, y);

        assertThat(Arrays.stream(zero.coefficients()).allMatch(c -> c == 0)).isTrue(); // may be -0.0, as in sklearn
        assertThat(zero.intercept()).isCloseTo(StatUtils.mean(y), within(1e-12));
        assertThat(zero.converged()).isTrue();
        assertThat(zero.iterations()).isEqualTo(1);
        assertThat(Arrays.stream(notZero.coefficients()).filter(c -> c != 0)).isNotEmpty();
    }

    @Test
    void positiveKeepsEveryCoefficientNonNegative() {
        double[][] x = randomMatrix(200, 4, 9);
        double[] y = linear(x, TRUE_COEFFICIENTS, TRUE_INTERCEPT, 0.1, 10);

        LinearModel free = fit(ElasticNetParams.of(0.01, 0.5), x, y);
        LinearModel positive = fit(ElasticNetParams.of(0.01, 0.5).withPositive(true), x, y);

        assertThat(free.coefficients()[1]).isNegative();
        assertThat(Arrays.stream(positive.coefficients()).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
        assertThat(positive.coefficients()[1]).isZero();
        assertThat(positive.coefficients()[0]).isGreaterThan(1.0);
    }

    @Test
    void withoutInterceptTheFitGoesThroughTheOrigin() {
        double[][] x = randomMatrix(100, 4, 11);
        double[] y = linear(x, TRUE_COEFFICIENTS, 0.0, 0.0, 12);

        LinearModel model = fit(
                ElasticNetParams.of(0.0, 0.5)
                        .withFitIntercept(false)
                        .withTol(1e-14)
                        .withMaxIter(100_000),
                x,
                y);

        assertThat(model.intercept()).isZero();
        assertThat(model.coefficients()).containsExactly(TRUE_COEFFICIENTS, within(1e-6));
    }

    @Test
    void convergedSolutionSatisfiesTheOptimalityConditions() {
        double[][] x = randomMatrix(80, 6, 13);
        double[] y = linear(x, new double[] {1, 0, -2, 0.1, 0, 0.05}, 1.0, 0.5, 14);
        double alpha = 0.05;
        double l1Ratio = 0.7;

        LinearModel model =
                fit(ElasticNetParams.of(alpha, l1Ratio).withTol(1e-14).withMaxIter(100_000), x, y);

        assertOptimal(x, y, model, alpha, l1Ratio);
        assertThat(model.coefficients()).contains(0.0);
    }

    @Test
    void residualSolverHandlesMoreFeaturesThanRowsAndAgreesWithTheGramSolver() {
        double[][] x = standardNormal(20, 30, 15);
        double[] coefficients = new double[30];
        coefficients[0] = 3;
        coefficients[7] = -2;
        double[] y = linear(x, coefficients, 0.5, 0.1, 16);
        ElasticNetParams params = ElasticNetParams.of(0.05, 0.9).withTol(1e-10).withMaxIter(100_000);
        List<String> names = names(30);

        LinearModel auto = new ElasticNet(params).fit(names, x, y);
        LinearModel gram = new ElasticNet(params, ElasticNet.Solver.GRAM).fit(names, x, y);

        assertThat(auto.iterations()).isEqualTo(gram.iterations());
        assertThat(auto.coefficients()).containsExactly(gram.coefficients(), within(1e-9));
        assertOptimal(x, y, auto, 0.05, 0.9);
        assertThat(auto.coefficient("x0")).isGreaterThan(2.0);
        assertThat(auto.coefficient("x7")).isLessThan(-1.0);
    }

    @Test
    void constantFeatureGetsZeroCoefficient() {
        double[][] x = randomMatrix(50, 3, 17);
        for (double[] row : x) {
            row[1] = 4.2;
        }
        double[] y = linear(x, new double[] {1, 5, -1}, 0, 0.1, 18);

        LinearModel model = fit(ElasticNetParams.of(0.01, 0.5), x, y);

        assertThat(model.coefficients()[1]).isZero();
        assertThat(model.coefficients()[0]).isGreaterThan(0.5);
    }

    @Test
    void stopsAtMaxIterWithoutConverging() {
        double[][] x = randomMatrix(100, 4, 19);
        double[] y = linear(x, TRUE_COEFFICIENTS, TRUE_INTERCEPT, 0.3, 20);

        LinearModel model = fit(ElasticNetParams.of(0.001, 0.5).withTol(0).withMaxIter(3), x, y);

        assertThat(model.iterations()).isEqualTo(3);
        assertThat(model.converged()).isFalse();
        assertThat(model.dualGap()).isPositive();
    }

    @Test
    void fitsATableOnEveryColumnButTheTarget() {
        double[][] x = randomMatrix(60, 2, 21);
        double[][] rows = new double[60][];
        for (int i = 0; i < 60; i++) {
            rows[i] = new double[] {x[i][0], 10 + 2 * x[i][0] - x[i][1], x[i][1]};
        }
        Table table = new Table(List.of("a", "y", "b"), rows);

        LinearModel model =
                new ElasticNet(ElasticNetParams.of(0, 1).withTol(1e-14).withMaxIter(10_000)).fit(table, "y");

        assertThat(model.featureNames()).containsExactly("a", "b");
        assertThat(model.coefficient("a")).isCloseTo(2, within(1e-6));
        assertThat(model.coefficient("b")).isCloseTo(-1, within(1e-6));
        assertThat(model.predict(table)).containsExactly(table.column("y"), within(1e-6));
    }

    @Test
    void fitsASingleFeature() {
        double[][] x = {{0}, {1}, {2}, {3}};
        double[] y = {1, 3, 5, 7};

        LinearModel model = fit(ElasticNetParams.of(0, 1).withTol(1e-14).withMaxIter(1000), x, y);

        assertThat(model.coefficients()).containsExactly(new double[] {2}, within(1e-12));
        assertThat(model.intercept()).isCloseTo(1, within(1e-12));
    }

    @Test
    void standardizeFitsScaledFeaturesAndReportsRawCoefficients() {
        double[][] x = randomMatrix(300, 4, 23); // column j has standard deviation j + 1
        double[] y = linear(x, TRUE_COEFFICIENTS, TRUE_INTERCEPT, 0.3, 24);
        ElasticNetParams params = ElasticNetParams.of(0.05, 0.5).withTol(1e-12).withMaxIter(100_000);
        double[] means = new double[4];
        double[] deviations = new double[4];
        for (int j = 0; j < 4; j++) {
            final int column = j;
            double[] values = Arrays.stream(x).mapToDouble(row -> row[column]).toArray();
            means[j] = StatUtils.mean(values);
            deviations[j] = Math.sqrt(StatUtils.populationVariance(values));
        }
        double[][] scaled = new double[300][4];
        for (int i = 0; i < 300; i++) {
            for (int j = 0; j < 4; j++) {
                scaled[i][j] = (x[i][j] - means[j]) / deviations[j];
            }
        }

        LinearModel standardized = fit(params.withStandardize(true), x, y);
        LinearModel onScaledData = fit(params, scaled, y);
        LinearModel raw = fit(params, x, y);

        for (int j = 0; j < 4; j++) {
            assertThat(standardized.coefficients()[j])
                    .isCloseTo(onScaledData.coefficients()[j] / deviations[j], within(1e-9));
        }
        assertThat(standardized.predict(x)).containsExactly(onScaledData.predict(scaled), within(1e-9));
        assertThat(standardized.coefficients()).isNotEqualTo(raw.coefficients());
        assertThat(standardized.params().standardize()).isTrue();
    }

    @Test
    void largePUsesResidualUpdatesAndFindsTheSparseSupport() {
        int n = 200;
        int p = 1500; // above GRAM_MAX_FEATURES and above n
        double[][] x = standardNormal(n, p, 25);
        double[] truth = new double[p];
        truth[3] = 4;
        truth[700] = -3;
        truth[1499] = 2;
        double[] y = linear(x, truth, 1.0, 0.05, 26);
        ElasticNetParams params = ElasticNetParams.of(0.1, 0.9).withTol(1e-10).withMaxIter(100_000);

        LinearModel model = fit(params, x, y);

        assertOptimal(x, y, model, 0.1, 0.9);
        double[] w = model.coefficients();
        assertThat(w[3]).isGreaterThan(3);
        assertThat(w[700]).isLessThan(-2);
        assertThat(w[1499]).isGreaterThan(1);
        assertThat(Arrays.stream(w).filter(c -> c != 0).count()).isLessThan(60);
    }

    @Test
    void bothSolversAgreeWithPositiveAndStandardizeOnManyFeatures() {
        double[][] x = randomMatrix(1200, 1100, 27);
        double[] truth = new double[1100];
        for (int j = 0; j < 1100; j += 97) {
            truth[j] = (j % 2 == 0 ? 1.0 : -1.0) / (j + 1) * 50;
        }
        double[] y = linear(x, truth, 2.0, 0.5, 28);
        ElasticNetParams params = ElasticNetParams.of(0.02, 0.7)
                .withPositive(true)
                .withStandardize(true)
                .withTol(1e-8)
                .withMaxIter(10_000);
        List<String> names = names(1100);

        LinearModel residual = new ElasticNet(params).fit(names, x, y); // 1100 features: residual updates
        LinearModel gram = new ElasticNet(params, ElasticNet.Solver.GRAM).fit(names, x, y);

        assertThat(residual.iterations()).isEqualTo(gram.iterations());
        assertThat(residual.coefficients()).containsExactly(gram.coefficients(), within(1e-9));
        assertThat(residual.intercept()).isCloseTo(gram.intercept(), within(1e-8));
        assertThat(Arrays.stream(residual.coefficients()).min().orElseThrow()).isGreaterThanOrEqualTo(0.0);
        assertThat(Arrays.stream(residual.coefficients()).filter(c -> c > 0)).isNotEmpty();
    }

    @Test
    void theGramMatrixIsExactOverManyBlocksAndFarFromTheOrigin() {
        // 10,000 rows: two full blocks of GramSystem.BLOCK_ROWS and a partial one; features near 1e6 with unit
        // spread, where a Gram matrix of raw values would lose every digit to cancellation.
        double[][] x = standardNormal(10_000, 5, 29);
        for (double[] row : x) {
            for (int j = 0; j < 5; j++) {
                row[j] += 1e6 * (j + 1);
            }
        }
        double[] y = linear(x, new double[] {1, -2, 0, 0.5, 3}, -4e6, 0.1, 30);
        ElasticNetParams params = ElasticNetParams.of(0.001, 0.5).withTol(1e-12).withMaxIter(100_000);

        LinearModel gram = new ElasticNet(params, ElasticNet.Solver.GRAM).fit(names(5), x, y);
        LinearModel residual = new ElasticNet(params, ElasticNet.Solver.RESIDUAL).fit(names(5), x, y);

        assertThat(gram.coefficients()).containsExactly(residual.coefficients(), within(1e-7));
        assertThat(gram.coefficients()[1]).isCloseTo(-2, within(0.01));
        assertThat(gram.iterations()).isEqualTo(residual.iterations());
    }

    @Test
    void namesTheFirstValueThatIsNotFiniteWhicheverSolverFindsIt() {
        double[][] x = randomMatrix(6000, 2, 31);
        x[5000][1] = Double.POSITIVE_INFINITY;
        double[] y = new double[6000];
        ElasticNet net = new ElasticNet(ElasticNetParams.of(0.1, 0.5));

        assertThatThrownBy(() -> net.fit(names(2), x, y))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("X[5000][1] (x1) is not a finite number: Infinity");
        assertThatThrownBy(() ->
                        new ElasticNet(ElasticNetParams.of(0.1, 0.5), ElasticNet.Solver.RESIDUAL).fit(names(2), x, y))
                .hasMessage("X[5000][1] (x1) is not a finite number: Infinity");
        x[5000][1] = 1;
        y[10] = Double.NaN;
        assertThatThrownBy(() -> net.fit(names(2), x, y)).hasMessage("y[10] is not a finite number: NaN");
    }

    @Test
    void rejectsBadInput() {
        ElasticNet net = new ElasticNet(ElasticNetParams.of(0.1, 0.5));
        Table table = new Table(List.of("a", "y"), new double[][] {{1, 2}, {2, 3}});

        assertThatThrownBy(() -> net.fit(table, List.of("a"), "quality"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'quality'");
        assertThatThrownBy(() -> net.fit(table, List.of("a", "y"), "y"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot also be a feature");
        assertThatThrownBy(() -> net.fit(List.of("a"), new double[][] {{1}, {Double.NaN}}, new double[] {1, 2}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("X[1][0] (a)");
        assertThatThrownBy(() -> net.fit(List.of("a"), new double[][] {{1}}, new double[] {1, 2}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("1 rows but y has 2");
        assertThatThrownBy(() -> net.fit(List.of("a", "a"), new double[][] {{1, 2}}, new double[] {1}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unique");
        assertThatThrownBy(() -> net.fit(List.of("a"), new double[0][], new double[0]))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> ElasticNetParams.of(-1, 0.5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("alpha");
        assertThatThrownBy(() -> ElasticNetParams.of(1, 1.5))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("l1_ratio");
        assertThatThrownBy(() -> ElasticNetParams.of(1, 0.5).withMaxIter(0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("max_iter");
    }

    /** Subgradient conditions of 1/(2n)|y - Xw - b|^2 + a r |w|_1 + a (1 - r)/2 |w|^2 at the fitted w. */
    private static void assertOptimal(double[][] x, double[] y, LinearModel model, double alpha, double l1Ratio) {
        int n = x.length;
        double[] residual = new double[n];
        double[] predictions = model.predict(x);
        for (int i = 0; i < n; i++) {
            residual[i] = y[i] - predictions[i];
        }
        assertThat(StatUtils.sum(residual)).isCloseTo(0.0, within(1e-8));
        double[] w = model.coefficients();
        for (int j = 0; j < w.length; j++) {
            double correlation = 0;
            for (int i = 0; i < n; i++) {
                correlation += x[i][j] * residual[i];
            }
            double gradient = correlation / n - alpha * (1 - l1Ratio) * w[j];
            if (w[j] != 0) {
                assertThat(gradient).isCloseTo(alpha * l1Ratio * Math.signum(w[j]), within(1e-6));
            } else {
                assertThat(Math.abs(gradient)).isLessThanOrEqualTo(alpha * l1Ratio + 1e-6);
            }
        }
    }

    private static double alphaMax(double[][] x, double[] y, double l1Ratio) {
        double[][] xc = centre(x);
        double yMean = StatUtils.mean(y);
        double max = 0;
        for (int j = 0; j < x[0].length; j++) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                sum += xc[i][j] * (y[i] - yMean);
            }
            max = Math.max(max, Math.abs(sum));
        }
        return max / (x.length * l1Ratio);
    }

    private static LinearModel fit(ElasticNetParams params, double[][] x, double[] y) {
        return new ElasticNet(params).fit(names(x[0].length), x, y);
    }

    private static List<String> names(int count) {
        return IntStream.range(0, count).mapToObj(j -> "x" + j).toList();
    }

    private static double[][] randomMatrix(int rows, int columns, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][columns];
        for (double[] row : x) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian() * (j + 1) + j;
            }
        }
        return x;
    }

    private static double[][] standardNormal(int rows, int columns, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[rows][columns];
        for (double[] row : x) {
            for (int j = 0; j < columns; j++) {
                row[j] = random.nextGaussian();
            }
        }
        return x;
    }

    private static double[] linear(double[][] x, double[] w, double intercept, double noise, long seed) {
        Random random = new Random(seed);
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            double sum = intercept;
            for (int j = 0; j < w.length; j++) {
                sum += w[j] * x[i][j];
            }
            y[i] = sum + noise * random.nextGaussian();
        }
        return y;
    }

    private static double[][] centre(double[][] x) {
        int p = x[0].length;
        double[] means = new double[p];
        for (double[] row : x) {
            for (int j = 0; j < p; j++) {
                means[j] += row[j] / x.length;
            }
        }
        List<double[]> centred = new ArrayList<>();
        for (double[] row : x) {
            double[] c = new double[p];
            for (int j = 0; j < p; j++) {
                c[j] = row[j] - means[j];
            }
            centred.add(c);
        }
        return centred.toArray(double[][]::new);
    }
}
