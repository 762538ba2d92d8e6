package dev.freshet.tasks.model;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.tasks.data.Table;

import java.util.HashSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Linear regression with a combined L1 and L2 penalty, fitted exactly as scikit-learn's {@code ElasticNet} does:
 * it minimises {@code 1/(2n) |y - Xw - b|^2 + alpha * l1_ratio * |w|_1 + alpha * (1 - l1_ratio) / 2 * |w|^2} on the
 * raw (unstandardised) features, the intercept {@code b} unpenalised, by cyclic coordinate descent with
 * scikit-learn's stopping rule, so that even a fit stopped by {@code tol} gives scikit-learn's numbers. With
 * {@code standardize} the penalty applies to the coefficients of features scaled to unit variance (scikit-learn's
 * {@code make_pipeline(StandardScaler(), ElasticNet())}), and the coefficients are converted back to raw features.
 *
 * <p>With an intercept, X and y are centred. For up to {@value #GRAM_MAX_FEATURES} features (and no more features
 * than rows) the solver works on the Gram matrix {@code X'X}, accumulated in one pass, a few thousand rows at a
 * time, by BLAS rank-k updates in double precision on ND4J's OpenBLAS (see {@link GramSystem}); otherwise it updates
 * residuals over a column-major copy of X. Either way the fit holds at most one copy of X beside the caller's (the
 * Gram path only a few thousand rows of one).
 */
public final class ElasticNet {

    /** Up to this many features, the p x p Gram matrix is cheap and makes every sweep O(p^2) instead of O(np). */
    static final int GRAM_MAX_FEATURES = 1000;

    enum Solver {
        AUTO,
        GRAM,
        RESIDUAL
    }

    private final ElasticNetParams params;
    private final Solver solver;

    public ElasticNet(ElasticNetParams params) {
        this(params, Solver.AUTO);
    }

    ElasticNet(ElasticNetParams params, Solver solver) {
        if (params == null) {
            throw new InvalidInputException("elastic net parameters are required");
        }
        this.params = params;
        this.solver = solver;
    }

    public ElasticNetParams params() {
        return params;
    }

    /** Fits {@code target} on every other column of the table. */
    public LinearModel fit(Table data, String target) {
        return fit(data, data.columnsExcept(target), target);
    }

    public LinearModel fit(Table data, List<String> features, String target) {
        if (features.isEmpty()) {
            throw new InvalidInputException("no feature columns to fit '" + target + "' on");
        }
        if (features.contains(target)) {
            throw new InvalidInputException("the target '" + target + "' cannot also be a feature");
        }
        int[] columns = features.stream().mapToInt(data::indexOf).toArray();
        return fit(features, data.rows(), columns, data.column(target));
    }

    /** Fits on a row-major matrix whose columns are the named features. */
    public LinearModel fit(List<String> featureNames, double[][] x, double[] y) {
        if (x.length != y.length) {
            throw new InvalidInputException("X has " + x.length + " rows but y has " + y.length + " values");
        }
        for (int i = 0; i < x.length; i++) {
            if (x[i].length != featureNames.size()) {
                throw new InvalidInputException("row " + i + " of X has " + x[i].length + " values, expected "
                        + featureNames.size() + " (one per feature)");
            }
        }
        // Values that are not finite numbers are found by the solvers' first pass over the data and named there.
        if (featureNames.isEmpty()) {
            throw new InvalidInputException("no features to fit on");
        }
        return fit(featureNames, x, IntStream.range(0, featureNames.size()).toArray(), y);
    }

    private LinearModel fit(List<String> names, double[][] rows, int[] columns, double[] y) {
        int n = rows.length;
        int p = columns.length;
        if (n == 0) {
            throw new InvalidInputException("cannot fit on an empty data set (0 rows)");
        }
        if (new HashSet<>(names).size() != p) {
            throw new InvalidInputException("feature names must be unique: " + names);
        }
        DesignMatrix design = new DesignMatrix(List.copyOf(names), rows, columns, y);
        // scikit-learn's cd_fast minimises n times the documented objective.
        double l1Reg = params.alpha() * params.l1Ratio() * n;
        double l2Reg = params.alpha() * (1.0 - params.l1Ratio()) * n;
        CoordinateDescentResult result;
        double[] xMean;
        double yMean;
        double[] scale;
        if (useGram(n, p)) {
            return fitGram(names, GramSystem.compute(design, params.fitIntercept()), n);
        } else {
            ColumnMajorDesign copy = ColumnMajorDesign.of(design, params.fitIntercept(), params.standardize());
            result = ResidualCoordinateDescent.solve(
                    copy.x(), n, p, copy.y(), l1Reg, l2Reg, params.maxIter(), params.tol(), params.positive());
            scale = copy.featureScale();
            xMean = copy.xMean();
            yMean = copy.yMean();
        }
        double[] w = result.coefficients();
        if (params.standardize()) {
            for (int j = 0; j < p; j++) {
                w[j] /= scale[j];
            }
        }
        double intercept = params.fitIntercept() ? yMean - Vectors.dot(xMean, w) : 0.0;
        return new LinearModel(names, w, intercept, result.iterations(), result.gap() / n, result.converged(), params);
    }

    /**
     * Fits on the rows an accumulator was fed (built with {@link #newAccumulator}): the Gram solver on data that
     * streamed past, never held. Use it when {@link #canStream} says the Gram solver applies.
     */
    public LinearModel fit(List<String> featureNames, GramAccumulator accumulator) {
        if (new HashSet<>(featureNames).size() != featureNames.size() || featureNames.isEmpty()) {
            throw new InvalidInputException("feature names must be unique and not empty: " + featureNames);
        }
        GramSystem system = accumulator.finish(() -> new InvalidInputException("the feature or target values are "
                + "too large: their sums of squares overflow a double; rescale the data"));
        return fitGram(List.copyOf(featureNames), system, accumulator.rows());
    }

    /** An accumulator for {@code featureCount} features, centred when the fit has an intercept. */
    public GramAccumulator newAccumulator(int featureCount) {
        return new GramAccumulator(featureCount, params.fitIntercept());
    }

    /** The same, sized for about {@code expectedRows} rows: a small data set then costs no full block of rows. */
    public GramAccumulator newAccumulator(int featureCount, long expectedRows) {
        return new GramAccumulator(featureCount, params.fitIntercept(), expectedRows);
    }

    /** Whether a fit on {@code rows} rows of {@code features} features uses the Gram solver (and can stream). */
    public boolean canStream(long rows, int features) {
        return rows <= Integer.MAX_VALUE && useGram((int) rows, features);
    }

    private LinearModel fitGram(List<String> names, GramSystem system, int n) {
        int p = names.size();
        double l1Reg = params.alpha() * params.l1Ratio() * n;
        double l2Reg = params.alpha() * (1.0 - params.l1Ratio()) * n;
        double[] scale = system.featureScale();
        CoordinateDescentResult result = GramCoordinateDescent.solve(
                params.standardize() ? system.scaledBy(scale) : system,
                l1Reg,
                l2Reg,
                params.maxIter(),
                params.tol(),
                params.positive());
        double[] w = result.coefficients();
        if (params.standardize()) {
            for (int j = 0; j < p; j++) {
                w[j] /= scale[j];
            }
        }
        double intercept = params.fitIntercept() ? system.yMean() - Vectors.dot(system.xMean(), w) : 0.0;
        return new LinearModel(names, w, intercept, result.iterations(), result.gap() / n, result.converged(), params);
    }

    private boolean useGram(int n, int p) {
        return switch (solver) {
            case GRAM -> true;
            case RESIDUAL -> false;
            case AUTO -> p <= GRAM_MAX_FEATURES && p <= n;
        };
    }
}
