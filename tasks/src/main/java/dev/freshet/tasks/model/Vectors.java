package dev.freshet.tasks.model;

/** The few dense-vector helpers the coordinate-descent solvers need, with cd_fast.pyx's exact semantics. */
final class Vectors {

    private Vectors() {}

    static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** The sum of absolute values (BLAS asum), i.e. the L1 norm. */
    static double asum(double[] a) {
        double sum = 0;
        for (double value : a) {
            sum += Math.abs(value);
        }
        return sum;
    }

    static double absMax(double[] a) {
        double max = Math.abs(a[0]);
        for (int i = 1; i < a.length; i++) {
            double value = Math.abs(a[i]);
            if (value > max) {
                max = value;
            }
        }
        return max;
    }

    static double max(double[] a) {
        double max = a[0];
        for (int i = 1; i < a.length; i++) {
            if (a[i] > max) {
                max = a[i];
            }
        }
        return max;
    }

    static double fmax(double x, double y) {
        return x > y ? x : y;
    }

    static double fsign(double f) {
        if (f == 0) {
            return 0;
        }
        return f > 0 ? 1.0 : -1.0;
    }

    /** The elastic-net coordinate update: soft-threshold by the L1 penalty, shrink by the L2 one. */
    static double softThresholdUpdate(double tmp, double normSquared, double alpha, double beta, boolean positive) {
        if (positive && tmp < 0) {
            return 0.0;
        }
        return fsign(tmp) * fmax(Math.abs(tmp) - alpha, 0) / (normSquared + beta);
    }
}
