package dev.freshet.tasks.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;

/**
 * The least-squares problem reduced to its normal-equation quantities: the Gram matrix {@code Q = X'X}
 * (row-major, p x p), {@code q = X'y} and {@code y'y}, for already centred data.
 */
record GramSystem(int featureCount, double[] gram, double[] xty, double yNorm2) {

    /**
     * Computes the system with ND4J (double precision GEMM) from the selected columns of {@code rows}, each minus
     * its offset. The off-heap design matrix is the only copy of X made and is freed before returning.
     */
    static GramSystem compute(double[][] rows, int[] columns, double[] xOffset, double[] centredY) {
        int n = rows.length;
        int p = columns.length;
        try (INDArray x = Nd4j.create(DataType.DOUBLE, new long[] {n, p}, 'c');
             INDArray y = Nd4j.create(DataType.DOUBLE, new long[] {n, 1}, 'c')) {
            DoubleBuffer xBuffer = x.data().asNioDouble();
            DoubleBuffer yBuffer = y.data().asNioDouble();
            for (int i = 0; i < n; i++) {
                double[] row = rows[i];
                for (int j = 0; j < p; j++) {
                    xBuffer.put(i * p + j, row[columns[j]] - xOffset[j]);
                }
                yBuffer.put(i, centredY[i]);
            }
            try (INDArray gram = Nd4j.gemm(x, x, true, false);
                 INDArray xty = Nd4j.gemm(x, y, true, false)) {
                double[] gramRowMajor = new double[p * p];
                for (int a = 0; a < p; a++) {
                    for (int b = 0; b < p; b++) {
                        gramRowMajor[a * p + b] = gram.getDouble(a, b);
                    }
                }
                double[] xtyValues = new double[p];
                for (int a = 0; a < p; a++) {
                    xtyValues[a] = xty.getDouble(a, 0);
                }
                double yNorm2 = 0;
                for (double value : centredY) {
                    yNorm2 += value * value;
                }
                return new GramSystem(p, gramRowMajor, xtyValues, yNorm2);
            }
        }
    }
}
