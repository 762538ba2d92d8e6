package dev.freshet.tasks.model;

/**
 * Cyclic coordinate descent for the elastic net that keeps the residual {@code R = y - Xw} up to date, a
 * line-by-line port of scikit-learn 1.2's {@code enet_coordinate_descent} (sklearn/linear_model/_cd_fast.pyx),
 * minimising {@code (1/2) |y - Xw|^2 + alpha |w|_1 + (beta/2) |w|_2^2}. Used when the Gram matrix would be
 * larger than the data (many features).
 */
final class ResidualCoordinateDescent {

    private ResidualCoordinateDescent() {}

    /**
     * @param x column-major n x p design matrix (already centred when an intercept is fitted); not modified
     * @param y targets (centred likewise); not modified
     * @see GramCoordinateDescent#solve for alpha, beta and tol
     */
    static CoordinateDescentResult solve(
            double[] x,
            int n,
            int p,
            double[] y,
            double alpha,
            double beta,
            int maxIter,
            double tol,
            boolean positive) {
        double[] normColsX = new double[p];
        for (int j = 0; j < p; j++) {
            double sum = 0;
            for (int i = 0, offset = j * n; i < n; i++) {
                sum += x[offset + i] * x[offset + i];
            }
            normColsX[j] = sum;
        }
        double[] w = new double[p];
        double[] r = y.clone(); // y - X w with w = 0
        double[] xta = new double[p];
        double gap = tol + 1.0;
        double updateTol = tol;
        double gapTol = tol * Vectors.dot(y, y);

        int nIter;
        boolean converged = false;
        for (nIter = 0; nIter < maxIter; nIter++) {
            double wMax = 0.0;
            double dwMax = 0.0;
            for (int ii = 0; ii < p; ii++) {
                if (normColsX[ii] == 0.0) {
                    continue;
                }
                int offset = ii * n;
                double wii = w[ii];
                if (wii != 0.0) {
                    axpy(n, wii, x, offset, r);
                }
                double tmp = 0.0;
                for (int i = 0; i < n; i++) {
                    tmp += x[offset + i] * r[i];
                }
                w[ii] = Vectors.softThresholdUpdate(tmp, normColsX[ii], alpha, beta, positive);
                if (w[ii] != 0.0) {
                    axpy(n, -w[ii], x, offset, r);
                }
                dwMax = Vectors.fmax(dwMax, Math.abs(w[ii] - wii));
                wMax = Vectors.fmax(wMax, Math.abs(w[ii]));
            }

            if (wMax == 0.0 || dwMax / wMax < updateTol || nIter == maxIter - 1) {
                for (int j = 0; j < p; j++) {
                    double sum = 0;
                    for (int i = 0, offset = j * n; i < n; i++) {
                        sum += x[offset + i] * r[i];
                    }
                    xta[j] = sum - beta * w[j];
                }
                double dualNormXta = positive ? Vectors.max(xta) : Vectors.absMax(xta);
                double rNorm2 = Vectors.dot(r, r);
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
                gap += alpha * Vectors.asum(w) - scale * Vectors.dot(r, y) + 0.5 * beta * (1 + scale * scale) * wNorm2;
                if (gap < gapTol) {
                    converged = true;
                    break;
                }
            }
        }
        int iterations = converged ? nIter + 1 : maxIter;
        return new CoordinateDescentResult(w, gap, iterations, converged);
    }

    /** r += a * X[:, column] */
    private static void axpy(int n, double a, double[] x, int offset, double[] r) {
        for (int i = 0; i < n; i++) {
            r[i] += a * x[offset + i];
        }
    }
}
