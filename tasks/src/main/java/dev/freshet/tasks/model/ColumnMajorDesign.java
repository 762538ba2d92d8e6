package dev.freshet.tasks.model;

/**
 * The design matrix copied column by column for the residual solver: centred when an intercept is fitted, divided
 * by each feature's standard deviation when standardising.
 *
 * @param x            column-major n x p
 * @param featureScale each feature's standard deviation (1 for a constant feature)
 */
record ColumnMajorDesign(
        double[] x, double[] y, int rowCount, int featureCount, double[] xMean, double yMean, double[] featureScale) {

    static ColumnMajorDesign of(DesignMatrix design, boolean centre, boolean standardize) {
        int n = design.rowCount();
        int p = design.featureCount();
        double[] mean = new double[p];
        double yMean = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                mean[j] += design.x(i, j);
            }
            yMean += design.y()[i];
        }
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
            if (!Double.isFinite(mean[j])) {
                throw design.notFinite();
            }
        }
        yMean /= n;
        if (!Double.isFinite(yMean)) {
            throw design.notFinite();
        }
        double[] x = new double[n * p];
        double[] scale = new double[p];
        for (int j = 0; j < p; j++) {
            int offset = j * n;
            double sumOfSquares = 0;
            for (int i = 0; i < n; i++) {
                double value = design.x(i, j);
                double centred = value - mean[j];
                x[offset + i] = centre ? centred : value;
                sumOfSquares += centred * centred;
            }
            double deviation = Math.sqrt(sumOfSquares / n);
            scale[j] = deviation > 0 ? deviation : 1.0;
            if (standardize) {
                for (int i = 0; i < n; i++) {
                    x[offset + i] /= scale[j];
                }
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = centre ? design.y()[i] - yMean : design.y()[i];
        }
        return new ColumnMajorDesign(x, y, n, p, centre ? mean : new double[p], centre ? yMean : 0.0, scale);
    }
}
