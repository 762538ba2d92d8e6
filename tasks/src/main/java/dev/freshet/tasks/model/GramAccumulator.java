package dev.freshet.tasks.model;

import dev.freshet.engine.error.InvalidInputException;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.util.function.Supplier;

/**
 * Accumulates the normal-equation quantities of a least-squares problem row by row, holding one block of rows: the
 * memory of a fit is O(p²) whatever the number of rows, so the rows can stream from a file. Rows are kept until a
 * block of {@value GramSystem#BLOCK_ROWS} is full; the first block's leading rows give the rough mean every row is
 * shifted by; each block is added to {@code Z'Z} by one BLAS rank-k update (see {@link GramSystem}). Fed the same
 * rows in the same order, it gives the same numbers bit for bit as the in-memory path, which uses it too.
 */
public final class GramAccumulator implements AutoCloseable {

    private static final int SHIFT_SAMPLE_ROWS = 1000;

    private final int p;
    private final int width;
    private final boolean centre;
    private final double[] pending;
    private final double[] sums;
    private final double[] row;
    private final INDArray zTransposed;
    private final INDArray accumulated;
    private final DoubleBuffer buffer;
    private double[] shift;
    private int pendingRows;
    private int rows;

    public GramAccumulator(int featureCount, boolean centre) {
        this.p = featureCount;
        this.width = featureCount + 1;
        this.centre = centre;
        this.pending = new double[GramSystem.BLOCK_ROWS * width];
        this.sums = new double[width];
        this.row = new double[width];
        GramSystem.singleThreadedBlas();
        this.zTransposed = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {width, GramSystem.BLOCK_ROWS}, 'f');
        this.accumulated = Nd4j.create(DataType.DOUBLE, new long[] {width, width}, 'f');
        this.buffer = zTransposed.data().asNioDouble();
    }

    /** Adds one row: {@code x[0..p)} the features, {@code y} the target. */
    public void add(double[] x, double y) {
        int offset = pendingRows * width;
        System.arraycopy(x, 0, pending, offset, p);
        pending[offset + p] = y;
        rows++;
        if (++pendingRows == GramSystem.BLOCK_ROWS) {
            flush();
        }
    }

    public int rows() {
        return rows;
    }

    public int featureCount() {
        return p;
    }

    private void flush() {
        if (pendingRows == 0) {
            return;
        }
        if (shift == null) {
            shift = new double[width];
            if (centre) {
                int count = Math.min(SHIFT_SAMPLE_ROWS, pendingRows);
                for (int i = 0; i < count; i++) {
                    for (int j = 0; j < width; j++) {
                        shift[j] += pending[i * width + j];
                    }
                }
                for (int j = 0; j < width; j++) {
                    shift[j] /= count;
                }
            }
        }
        for (int i = 0; i < pendingRows; i++) {
            int offset = i * width;
            for (int j = 0; j < width; j++) {
                double value = pending[offset + j] - shift[j];
                row[j] = value;
                sums[j] += value;
            }
            buffer.put(offset, row, 0, width);
        }
        // Rows of Z one after another are Z' column-major (width x count), so Z'Z = A A' with A that buffer: a
        // rank-k update of the upper triangle, half a GEMM's work. (ND4J's own syrk wrapper passes k = 1, so this
        // calls the OpenBLAS that ND4J's CPU backend runs on, through the same JavaCPP binding.)
        openblas_nolapack.cblas_dsyrk(
                openblas_nolapack.CblasColMajor,
                openblas_nolapack.CblasUpper,
                openblas_nolapack.CblasNoTrans,
                width,
                pendingRows,
                1.0,
                (DoublePointer) zTransposed.data().addressPointer(),
                width,
                1.0,
                (DoublePointer) accumulated.data().addressPointer(),
                width);
        pendingRows = 0;
    }

    /** The system of every row added; {@code notFinite} names the offending value when a sum is not finite. */
    GramSystem finish(Supplier<InvalidInputException> notFinite) {
        if (rows == 0) {
            throw new InvalidInputException("cannot fit on an empty data set (0 rows)");
        }
        flush();
        DoublePointer product = (DoublePointer) accumulated.data().addressPointer();
        double[] products = new double[width * width];
        for (int b = 0; b < width; b++) {
            for (int a = 0; a <= b; a++) {
                double value = product.get(a + (long) b * width);
                products[a * width + b] = value;
                products[b * width + a] = value;
            }
        }
        for (int j = 0; j < width; j++) {
            if (!Double.isFinite(sums[j]) || !Double.isFinite(products[j * width + j])) {
                throw notFinite.get();
            }
        }
        return GramSystem.fromMoments(rows, p, shift, sums, products, centre);
    }

    @Override
    public void close() {
        zTransposed.close();
        accumulated.close();
    }
}
