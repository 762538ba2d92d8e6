package dev.freshet.tasks.model;

import org.nd4j.linalg.factory.Nd4j;

/**
 * The least-squares problem reduced to its normal-equation quantities: the Gram matrix {@code Q = X'X}
 * (row-major, p x p), {@code q = X'y} and {@code y'y} of the centred data (raw when no intercept is fitted), with
 * the means that were taken off and each feature's standard deviation.
 */
record GramSystem(
        int featureCount,
        double[] gram,
        double[] xty,
        double yNorm2,
        double[] xMean,
        double yMean,
        double[] featureScale) {

    /** Rows per BLAS update: few enough that a block stays in cache between being written and being multiplied. */
    static final int BLOCK_ROWS = 4096;

    /**
     * Computes the system in one pass over the rows, through a {@link GramAccumulator}. Each block of rows is copied, shifted by a rough mean, into a
     * reused off-heap ND4J buffer {@code Z = [X - s, y - t]} and accumulated as {@code Z'Z} by one BLAS level-3 call
     * in double precision; the exact means then come from the column sums, and {@code Z'Z - n d d'} (with {@code d}
     * the mean of Z) is the centred Gram matrix. Shifting by a rough mean first keeps that subtraction free of
     * cancellation, which is what centring the data first would buy, without a second pass or an n x p copy of X.
     */
    static GramSystem compute(DesignMatrix design, boolean centre) {
        int n = design.rowCount();
        int p = design.featureCount();
        int[] columns = design.columns();
        double[][] rows = design.rows();
        double[] y = design.y();
        double[] x = new double[p];
        boolean leading = design.featuresAreLeadingColumns();
        try (GramAccumulator accumulator = new GramAccumulator(
                p, centre, n, centre ? design.leadingMeans(GramAccumulator.SHIFT_SAMPLE_ROWS) : null)) {
            for (int i = 0; i < n; i++) {
                double[] source = rows[i];
                if (leading) { // the row's first p values are the features: no copy into x
                    accumulator.add(source, y[i]);
                    continue;
                }
                for (int j = 0; j < p; j++) {
                    x[j] = source[columns[j]];
                }
                accumulator.add(x, y[i]);
            }
            return accumulator.finish(design::notFinite);
        }
    }

    static void singleThreadedBlas() {
        SingleThreadedBlas.ensure();
    }

    /**
     * One rank-k update of a 4096-row block is too small to split across threads: splitting each call made a large
     * fit slower and unsteady (figures in docs/retraining.md, "Speed"). Nothing else in Freshet uses BLAS. Set once:
     * a call of the setter costs more than a whole fit of the wine data.
     */
    private static final class SingleThreadedBlas {
        static {
            Nd4j.factory().blas().setMaxThreads(1);
        }

        static void ensure() {
            // loading this class did it
        }
    }

    static GramSystem fromMoments(int n, int p, double[] shift, double[] sums, double[] products, boolean centre) {
        int width = p + 1;
        double[] offset = new double[width]; // mean of Z, per column
        for (int j = 0; j < width; j++) {
            offset[j] = sums[j] / n;
        }
        double[] gram = new double[p * p];
        double[] xty = new double[p];
        double[] xMean = new double[p];
        double[] scale = new double[p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                gram[a * p + b] = centred(products, width, a, b, n, offset, centre);
            }
            xty[a] = centred(products, width, a, p, n, offset, centre);
            if (centre) {
                xMean[a] = shift[a] + offset[a];
            }
            double variance = (products[a * width + a] - n * offset[a] * offset[a]) / n;
            scale[a] = variance > 0 ? Math.sqrt(variance) : 1.0; // scikit-learn's StandardScaler leaves constants
        }
        double yNorm2 = centred(products, width, p, p, n, offset, centre);
        double yMean = centre ? shift[p] + offset[p] : 0.0;
        return new GramSystem(p, gram, xty, yNorm2, xMean, yMean, scale);
    }

    private static double centred(double[] products, int width, int a, int b, int n, double[] offset, boolean centre) {
        double raw = products[a * width + b];
        return centre ? raw - n * offset[a] * offset[b] : raw;
    }

    /** The same problem on features divided by {@code scale}: Q becomes D⁻¹QD⁻¹ and q becomes D⁻¹q. */
    GramSystem scaledBy(double[] scale) {
        int p = featureCount;
        double[] scaledGram = new double[p * p];
        double[] scaledXty = new double[p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                scaledGram[a * p + b] = gram[a * p + b] / (scale[a] * scale[b]);
            }
            scaledXty[a] = xty[a] / scale[a];
        }
        return new GramSystem(p, scaledGram, scaledXty, yNorm2, xMean, yMean, featureScale);
    }
}
