package dev.freshet.tasks.model;

import dev.freshet.engine.error.InvalidInputException;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.DoubleBuffer;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * Accumulates the normal-equation quantities of a least-squares problem row by row, holding one block of rows: the
 * memory of a fit is O(p²) whatever the number of rows, so the rows can stream from a file. Each row ({@link #add},
 * or the rows of a column-major chunk, {@link #addColumns}) goes straight into the off-heap block that BLAS reads,
 * shifted by a rough mean: that of the first thousand rows, which wait on
 * the heap until it is known (the in-memory path, which can read them first, passes it in). Each full block of
 * {@value GramSystem#BLOCK_ROWS} rows is added to {@code Z'Z} by one BLAS rank-k update (see {@link GramSystem}).
 * Fed the same rows in the same order, it gives the same numbers bit for bit as the in-memory path, which uses it
 * too.
 *
 * <p>The block is sized for the rows the caller expects, at most {@value GramSystem#BLOCK_ROWS}, and grows if more
 * come: on a small data set, allocating and touching a full block costs more than the fit. Blocks are cut at the
 * same rows whatever the expectation, so it never changes a result.
 */
public final class GramAccumulator implements AutoCloseable {

    /** The rough mean rows are shifted by is that of the first rows, this many or all if fewer. */
    static final int SHIFT_SAMPLE_ROWS = 1000;

    /**
     * Rows a column-major chunk is transposed by at a time ({@link #addColumns}): a tile of rows stays in cache
     * while the columns are written into it and is then copied into the block in one call. (Of 16 to 4,096 rows,
     * 256 copied a chunk of 100 columns fastest.)
     */
    static final int TILE_ROWS = 256;

    private final int p;
    private final int width;
    private final boolean centre;
    private final double[] sums;
    private final double[] row;
    private double[] tile; // rows of a column-major chunk on their way into the block
    private final INDArray accumulated;
    private final DoublePointer product;
    private INDArray block;
    private DoubleBuffer buffer;
    private DoublePointer z;
    private int capacity;
    private double[] shift; // null while the first rows wait for it
    private double[] waiting; // those first rows, raw, one after another
    private int pendingRows;
    private int rows;

    public GramAccumulator(int featureCount, boolean centre) {
        this(featureCount, centre, GramSystem.BLOCK_ROWS);
    }

    /** An accumulator whose block is sized for {@code expectedRows} rows (more may come). */
    public GramAccumulator(int featureCount, boolean centre, long expectedRows) {
        this(featureCount, centre, expectedRows, null);
    }

    /**
     * One whose rough mean is known already ({@code knownShift}, the first rows' means of the features and, last,
     * the target; ignored without centring): the in-memory path, which can read those rows before the others.
     */
    GramAccumulator(int featureCount, boolean centre, long expectedRows, double[] knownShift) {
        this.p = featureCount;
        this.width = featureCount + 1;
        this.centre = centre;
        this.sums = new double[width];
        this.row = new double[width];
        GramSystem.singleThreadedBlas();
        this.accumulated = Nd4j.create(DataType.DOUBLE, new long[] {width, width}, 'f');
        this.product = (DoublePointer) accumulated.data().addressPointer();
        int blockRows = (int) Math.max(1, Math.min(GramSystem.BLOCK_ROWS, expectedRows));
        allocateBlock(blockRows);
        if (!centre) {
            shift = new double[width];
        } else if (knownShift != null) {
            shift = knownShift;
        } else {
            waiting = new double[Math.min(SHIFT_SAMPLE_ROWS, blockRows) * width];
        }
    }

    /**
     * Loads the linear algebra's native libraries and sets BLAS to one thread: what the first fit of a process would
     * otherwise wait for (about a third of a second).
     */
    public static void loadNativeLibraries() {
        try (GramAccumulator warm = new GramAccumulator(1, false, 1)) {
            warm.add(new double[] {1}, 2);
            warm.add(new double[] {2}, 3);
        }
    }

    /** Adds one row: {@code x[0..p)} the features, {@code y} the target. */
    public void add(double[] x, double y) {
        rows++;
        if (shift == null) {
            await(x, y);
        } else {
            append(x, 0, y);
        }
    }

    /**
     * Adds rows of a column-major chunk, as {@code SnapshotReader} hands it: row {@code i} is {@code
     * values[featureColumns[k]][i]} (feature k) and {@code values[targetColumn][i]} (the target), and the rows added
     * are {@code chunkRows[0..count)}, in that order. The same numbers bit for bit as {@link #add} fed those rows
     * one after another: each goes to the same place in the block with the same shifted values, and the column sums
     * add them in the same order; only the copying is done a tile of rows and a column at a time.
     */
    public void addColumns(double[][] values, int[] featureColumns, int targetColumn, int[] chunkRows, int count) {
        int done = 0;
        while (shift == null && done < count) {
            int i = chunkRows[done++];
            rows++;
            int offset = waitingSlot();
            for (int k = 0; k < p; k++) {
                waiting[offset + k] = values[featureColumns[k]][i];
            }
            waiting[offset + p] = values[targetColumn][i];
            if (rows == SHIFT_SAMPLE_ROWS) {
                takeShift();
            }
        }
        if (done < count && tile == null) {
            tile = new double[TILE_ROWS * width];
        }
        while (done < count) {
            if (pendingRows == capacity) {
                grow();
            }
            int take = Math.min(Math.min(TILE_ROWS, count - done), capacity - pendingRows);
            appendTile(values, featureColumns, targetColumn, chunkRows, done, take);
            done += take;
            rows += take;
            if (pendingRows == GramSystem.BLOCK_ROWS) {
                flush();
            }
        }
    }

    /**
     * Rows {@code chunkRows[from..from+take)} of a column-major chunk, shifted, into the block after the others.
     * Eight columns at a time: each column's sum must add its rows in order, one dependent addition after another,
     * and eight such chains run side by side where one would wait on each addition.
     */
    private void appendTile(
            double[][] values, int[] featureColumns, int targetColumn, int[] chunkRows, int from, int take) {
        double[] t = tile;
        double[] s = shift;
        int j = 0;
        for (; j + 8 <= width; j += 8) {
            double[] c0 = column(values, featureColumns, targetColumn, j);
            double[] c1 = column(values, featureColumns, targetColumn, j + 1);
            double[] c2 = column(values, featureColumns, targetColumn, j + 2);
            double[] c3 = column(values, featureColumns, targetColumn, j + 3);
            double[] c4 = column(values, featureColumns, targetColumn, j + 4);
            double[] c5 = column(values, featureColumns, targetColumn, j + 5);
            double[] c6 = column(values, featureColumns, targetColumn, j + 6);
            double[] c7 = column(values, featureColumns, targetColumn, j + 7);
            double s0 = s[j], s1 = s[j + 1], s2 = s[j + 2], s3 = s[j + 3];
            double s4 = s[j + 4], s5 = s[j + 5], s6 = s[j + 6], s7 = s[j + 7];
            double u0 = sums[j], u1 = sums[j + 1], u2 = sums[j + 2], u3 = sums[j + 3];
            double u4 = sums[j + 4], u5 = sums[j + 5], u6 = sums[j + 6], u7 = sums[j + 7];
            for (int r = 0, at = j; r < take; r++, at += width) {
                int i = chunkRows[from + r];
                double v0 = c0[i] - s0, v1 = c1[i] - s1, v2 = c2[i] - s2, v3 = c3[i] - s3;
                double v4 = c4[i] - s4, v5 = c5[i] - s5, v6 = c6[i] - s6, v7 = c7[i] - s7;
                t[at] = v0;
                t[at + 1] = v1;
                t[at + 2] = v2;
                t[at + 3] = v3;
                t[at + 4] = v4;
                t[at + 5] = v5;
                t[at + 6] = v6;
                t[at + 7] = v7;
                u0 += v0;
                u1 += v1;
                u2 += v2;
                u3 += v3;
                u4 += v4;
                u5 += v5;
                u6 += v6;
                u7 += v7;
            }
            sums[j] = u0;
            sums[j + 1] = u1;
            sums[j + 2] = u2;
            sums[j + 3] = u3;
            sums[j + 4] = u4;
            sums[j + 5] = u5;
            sums[j + 6] = u6;
            sums[j + 7] = u7;
        }
        for (; j < width; j++) {
            double[] c = column(values, featureColumns, targetColumn, j);
            double sj = s[j];
            double u = sums[j];
            for (int r = 0, at = j; r < take; r++, at += width) {
                double value = c[chunkRows[from + r]] - sj;
                t[at] = value;
                u += value;
            }
            sums[j] = u;
        }
        buffer.put(pendingRows * width, t, 0, take * width);
        pendingRows += take;
    }

    /** Column {@code j} of Z: feature j, or the target after the last feature. */
    private double[] column(double[][] values, int[] featureColumns, int targetColumn, int j) {
        return values[j < p ? featureColumns[j] : targetColumn];
    }

    public int rows() {
        return rows;
    }

    public int featureCount() {
        return p;
    }

    /** How many rows the block BLAS reads holds now. */
    int blockRows() {
        return capacity;
    }

    private void await(double[] x, double y) {
        int offset = waitingSlot();
        System.arraycopy(x, 0, waiting, offset, p);
        waiting[offset + p] = y;
        if (rows == SHIFT_SAMPLE_ROWS) {
            takeShift();
        }
    }

    /** Where the row just counted waits for the rough mean, the waiting rows' array grown if it is full. */
    private int waitingSlot() {
        int offset = (rows - 1) * width;
        if (offset == waiting.length) {
            waiting = Arrays.copyOf(waiting, Math.min(SHIFT_SAMPLE_ROWS * width, 2 * waiting.length));
        }
        return offset;
    }

    /** The rough mean is that of the rows waiting (the first ones); they go into the block shifted by it. */
    private void takeShift() {
        double[] mean = new double[width];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < width; j++) {
                mean[j] += waiting[i * width + j];
            }
        }
        for (int j = 0; j < width; j++) {
            mean[j] /= rows;
        }
        shift = mean;
        for (int i = 0; i < rows; i++) {
            append(waiting, i * width, waiting[i * width + p]);
        }
        waiting = null;
    }

    /** Row {@code x[from..from+p)} with target {@code y}, shifted, into the block; a full block goes to BLAS. */
    private void append(double[] x, int from, double y) {
        if (pendingRows == capacity) {
            grow();
        }
        double[] s = shift;
        for (int j = 0; j < p; j++) {
            double value = x[from + j] - s[j];
            row[j] = value;
            sums[j] += value;
        }
        double target = y - s[p];
        row[p] = target;
        sums[p] += target;
        buffer.put(pendingRows * width, row, 0, width);
        if (++pendingRows == GramSystem.BLOCK_ROWS) {
            flush();
        }
    }

    private void flush() {
        if (pendingRows == 0) {
            return;
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
                z,
                width,
                1.0,
                product,
                width);
        pendingRows = 0;
    }

    /** More rows came than expected and the block is not yet full size: a larger one, same rows in it. */
    private void grow() {
        INDArray old = block;
        DoubleBuffer full = buffer;
        allocateBlock(Math.min(GramSystem.BLOCK_ROWS, 2 * capacity));
        double[] copy = new double[pendingRows * width];
        full.get(0, copy, 0, copy.length);
        buffer.put(0, copy, 0, copy.length);
        old.close();
    }

    private void allocateBlock(int rowCapacity) {
        capacity = rowCapacity;
        block = Nd4j.createUninitialized(DataType.DOUBLE, new long[] {width, rowCapacity}, 'f');
        buffer = block.data().asNioDouble();
        z = (DoublePointer) block.data().addressPointer();
    }

    /** The system of every row added; {@code notFinite} names the offending value when a sum is not finite. */
    GramSystem finish(Supplier<InvalidInputException> notFinite) {
        if (rows == 0) {
            throw new InvalidInputException("cannot fit on an empty data set (0 rows)");
        }
        if (shift == null) {
            takeShift();
        }
        flush();
        double[] products = products();
        for (int j = 0; j < width; j++) {
            if (!Double.isFinite(sums[j]) || !Double.isFinite(products[j * width + j])) {
                throw notFinite.get();
            }
        }
        return GramSystem.fromMoments(rows, p, shift, sums, products, centre);
    }

    /** {@code Z'Z} of the rows flushed to BLAS so far, row-major and symmetric (width x width). */
    double[] products() {
        double[] products = new double[width * width];
        for (int b = 0; b < width; b++) {
            for (int a = 0; a <= b; a++) {
                double value = product.get(a + (long) b * width);
                products[a * width + b] = value;
                products[b * width + a] = value;
            }
        }
        return products;
    }

    /** The column sums of {@code Z} (the shifted features, then the target) of the rows in the block or flushed. */
    double[] columnSums() {
        return sums.clone();
    }

    @Override
    public void close() {
        block.close();
        accumulated.close();
    }
}
