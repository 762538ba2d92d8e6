package dev.freshet.tasks.model;

/**
 * Cyclic coordinate descent for the elastic net on a precomputed Gram matrix, a line-by-line port of scikit-learn
 * 1.2's {@code enet_coordinate_descent_gram} (sklearn/linear_model/_cd_fast.pyx), minimising
 * {@code (1/2) w'Qw - q'w + alpha |w|_1 + (beta/2) |w|_2^2}.
 *
 * <p>The sweep order, the cheap "largest update" test that gates the duality-gap test, and the gap formula are the
 * same as scikit-learn's, so a fit that stops before convergence stops after the same sweep with the same weights.
 */
final class GramCoordinateDescent {

    private GramCoordinateDescent() {}

    /**
     * @param alpha L1 penalty of the n-scaled objective ({@code alpha * l1_ratio * n})
     * @param beta  L2 penalty of the n-scaled objective ({@code alpha * (1 - l1_ratio) * n})
     * @param tol   unscaled tolerance: the update test uses it as is, the gap test uses {@code tol * y'y}
     */
    static CoordinateDescentResult solve(
            GramSystem system, double alpha, double beta, int maxIter, double tol, boolean positive) {
        int p = system.featureCount();
        double[] gram = system.gram();
        double[] q = system.xty();
        double yNorm2 = system.yNorm2();

        double[] w = new double[p];
        double[] h = new double[p]; // Q w, kept up to date as w changes
        double[] xta = new double[p];
        double gap = tol + 1.0;
        double updateTol = tol;
        double gapTol = tol * yNorm2;

        int nIter;
        boolean converged = false;
        for (nIter = 0; nIter < maxIter; nIter++) {
            double wMax = 0.0;
            double dwMax = 0.0;
            for (int ii = 0; ii < p; ii++) {
                int rowStart = ii * p;
                double qii = gram[rowStart + ii];
                if (qii == 0.0) {
                    continue;
                }
                double wii = w[ii];
                if (wii != 0.0) {
                    axpy(-wii, gram, rowStart, h);
                }
                double tmp = q[ii] - h[ii];
                w[ii] = Vectors.softThresholdUpdate(tmp, qii, alpha, beta, positive);
                if (w[ii] != 0.0) {
                    axpy(w[ii], gram, rowStart, h);
                }
                double dwii = Math.abs(w[ii] - wii);
                if (dwii > dwMax) {
                    dwMax = dwii;
                }
                if (Math.abs(w[ii]) > wMax) {
                    wMax = Math.abs(w[ii]);
                }
            }

            if (wMax == 0.0 || dwMax / wMax < updateTol || nIter == maxIter - 1) {
                double qDotW = Vectors.dot(w, q);
                for (int ii = 0; ii < p; ii++) {
                    xta[ii] = q[ii] - h[ii] - beta * w[ii];
                }
                double dualNormXta = positive ? Vectors.max(xta) : Vectors.absMax(xta);
                double wDotH = 0.0;
                for (int ii = 0; ii < p; ii++) {
                    wDotH += w[ii] * h[ii];
                }
                double rNorm2 = yNorm2 + wDotH - 2.0 * qDotW;
                double wNorm2 = Vectors.dot(w, w);
                double scale;
                if (dualNormXta > alpha) {
                    scale = alpha / dualNormXta;
                    double aNorm2 = rNorm2 * (scale * scale);
                    gap = 0.5 * (rNorm2 + aNorm2);
                } else {
                    scale = 1.0;
                    gap = rNorm2;
                }
                gap += alpha * Vectors.asum(w)
                        - scale * yNorm2
                        + scale * qDotW
                        + 0.5 * beta * (1 + scale * scale) * wNorm2;
                if (gap < gapTol) {
                    converged = true;
                    break;
                }
            }
        }
        int iterations = converged ? nIter + 1 : maxIter;
        return new CoordinateDescentResult(w, gap, iterations, converged);
    }

    /** h += a * Q[row], Q row-major and symmetric. */
    private static void axpy(double a, double[] gram, int rowStart, double[] h) {
        for (int k = 0; k < h.length; k++) {
            h[k] += a * gram[rowStart + k];
        }
    }
}
