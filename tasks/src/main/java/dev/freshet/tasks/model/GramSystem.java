package dev.freshet.tasks.model;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;

/**
 * The least-squares problem reduced to its normal-equation quantities: the Gram matrix {@code Q = X'X}
 * (row-major, p x p), {@code q = X'y} and {@code y'y} of the centred data (raw when no intercept is fitted), with
 * the means that were taken off and each feature's standard deviation.
 */
record GramSystem(int featureCount, double[] gram, double[] xty, double yNorm2, double[] xMean, double yMean,
                  double[] featureScale) {

    /** Rows per BLAS update: few enough that a block stays in cache between being written and being multiplied. */
    static final int BLOCK_ROWS = 4096;

    private static final int SHIFT_SAMPLE_ROWS = 1000;

    /**
     * Computes the system in one pass over the rows. Each block of rows is copied, shifted by a rough mean, into a
     * reused off-heap ND4J buffer {@code Z = [X - s, y - t]} and accumulated as {@code Z'Z} by one BLAS level-3 call
     * in double precision; the exact means then come from the column sums, and {@code Z'Z - n d d'} (with {@code d}
     * the mean of Z) is the centred Gram matrix. Shifting by a rough mean first keeps that subtraction free of
     * cancellation, which is what centring the data first would buy, without a second pass or an n x p copy of X.
     */
    static GramSystem compute(DesignMatrix design, boolean centre) {
        int n = design.rowCount();
        int p = design.featureCount();
        int width = p + 1;
        double[] shift = centre ? design.leadingMeans(SHIFT_SAMPLE_ROWS) : new double[width];
        double[] sums = new double[width];
        double[] products = new double[width * width];
        int block = Math.min(BLOCK_ROWS, n);
        SingleThreadedBlas.ensure();
        try (INDArray zTransposed = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {width, block}, 'f');
             INDArray accumulated = Nd4j.create(DataType.DOUBLE, new long[] {width, width}, 'f')) {
            DoubleBuffer buffer = zTransposed.data().asNioDouble();
            DoublePointer z = (DoublePointer) zTransposed.data().addressPointer();
            DoublePointer product = (DoublePointer) accumulated.data().addressPointer();
            double[] row = new double[width];
            int[] columns = design.columns();
            boolean leading = design.featuresAreLeadingColumns();
            double[][] rows = design.rows();
            double[] y = design.y();
            for (int start = 0; start < n; start += block) {
                int count = Math.min(block, n - start);
                for (int i = 0; i < count; i++) {
                    double[] source = rows[start + i];
                    if (leading) {
                        for (int j = 0; j < p; j++) { // no indirection, so the JIT can vectorise it
                            double value = source[j] - shift[j];
                            row[j] = value;
                            sums[j] += value;
                        }
                    } else {
                        for (int j = 0; j < p; j++) {
                            double value = source[columns[j]] - shift[j];
                            row[j] = value;
                            sums[j] += value;
                        }
                    }
                    double target = y[start + i] - shift[p];
                    row[p] = target;
                    sums[p] += target;
                    buffer.put(i * width, row, 0, width);
                }
                // Rows of Z one after another are Z' column-major (width x count), so Z'Z = A A' with A that buffer:
                // a rank-k update of the upper triangle, half a GEMM's work. (ND4J's own syrk wrapper passes k = 1,
                // so this calls the OpenBLAS that ND4J's CPU backend runs on, through the same JavaCPP binding.)
                openblas_nolapack.cblas_dsyrk(openblas_nolapack.CblasColMajor, openblas_nolapack.CblasUpper,
                        openblas_nolapack.CblasNoTrans, width, count, 1.0, z, width, 1.0, product, width);
            }
            for (int b = 0; b < width; b++) {
                for (int a = 0; a <= b; a++) {
                    double value = product.get(a + (long) b * width);
                    products[a * width + b] = value;
                    products[b * width + a] = value;
                }
            }
        }
        for (int j = 0; j < width; j++) {
            if (!Double.isFinite(sums[j]) || !Double.isFinite(products[j * width + j])) {
                throw design.notFinite();
            }
        }
        return fromMoments(n, p, shift, sums, products, centre);
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

    private static GramSystem fromMoments(int n, int p, double[] shift, double[] sums, double[] products,
                                          boolean centre) {
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

    private static double centred(double[] products, int width, int a, int b, int n, double[] offset,
                                  boolean centre) {
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
