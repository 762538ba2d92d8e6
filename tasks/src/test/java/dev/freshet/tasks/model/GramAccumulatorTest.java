package dev.freshet.tasks.model;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Rows streamed into the accumulator, however many were expected, against the in-memory system bit for bit. */
class GramAccumulatorTest {

    @Test
    void aSmallDataSetGetsABlockOfItsOwnSize() {
        try (GramAccumulator wineSized = new GramAccumulator(11, true, 1599);
                GramAccumulator large = new GramAccumulator(11, true, 1_000_000);
                GramAccumulator unknown = new GramAccumulator(11, true)) {
            assertThat(wineSized.blockRows()).isEqualTo(1599);
            assertThat(large.blockRows()).isEqualTo(GramSystem.BLOCK_ROWS);
            assertThat(unknown.blockRows()).isEqualTo(GramSystem.BLOCK_ROWS);
        }
    }

    @Test
    void moreRowsThanExpectedGrowTheBlockAndChangeNoBit() {
        for (int n : new int[] {1, 300, 1000, 1599, 2 * GramSystem.BLOCK_ROWS + 777}) {
            double[][] rows = GramTestData.rows(n, 4, n);
            double[] y = GramTestData.target(rows, n + 1);
            for (boolean centre : new boolean[] {true, false}) {
                GramSystem inMemory = GramSystem.compute(design(rows, y), centre);
                for (long expected : new long[] {1, 7, n, GramSystem.BLOCK_ROWS}) {
                    try (GramAccumulator accumulator = new GramAccumulator(4, centre, expected)) {
                        for (int i = 0; i < n; i++) {
                            accumulator.add(rows[i], y[i]);
                        }
                        assertSameBits(accumulator.finish(() -> new InvalidInputException("not finite")), inMemory);
                        assertThat(accumulator.blockRows())
                                .isLessThanOrEqualTo(GramSystem.BLOCK_ROWS)
                                .isGreaterThanOrEqualTo(Math.min(n, GramSystem.BLOCK_ROWS));
                    }
                }
            }
        }
    }

    @Test
    void columnMajorChunksGiveTheBitsOfTheSameRowsAddedOneByOne() {
        // 5 features: fewer columns than are copied together; 20: two groups of eight and four more
        for (int p : new int[] {5, 20}) {
            columnMajorChunksGiveTheBitsOfTheSameRowsAddedOneByOne(p);
        }
    }

    private static void columnMajorChunksGiveTheBitsOfTheSameRowsAddedOneByOne(int p) {
        int target = p / 2; // the target between features, as a snapshot's columns may have it
        int[] featureColumns =
                IntStream.rangeClosed(0, p).filter(j -> j != target).toArray();
        for (int n : new int[] {300, 1000, 2 * GramSystem.BLOCK_ROWS + 777}) {
            double[][] columns = columnMajor(GramTestData.rows(n, p + 1, n), n);
            Random random = new Random(n);
            for (int chunk : new int[] {37, 1000, 8192}) {
                List<int[]> kept = keptRows(n, chunk, random);
                for (boolean centre : new boolean[] {true, false}) {
                    for (long expected : new long[] {1, 7, n, GramSystem.BLOCK_ROWS}) {
                        try (GramAccumulator byRow = new GramAccumulator(p, centre, expected);
                                GramAccumulator byColumn = new GramAccumulator(p, centre, expected)) {
                            double[] x = new double[p];
                            for (int c = 0; c < kept.size(); c++) {
                                double[][] values = chunkOf(columns, c * chunk, chunk);
                                int[] rows = kept.get(c);
                                for (int i : rows) {
                                    for (int k = 0; k < p; k++) {
                                        x[k] = values[featureColumns[k]][i];
                                    }
                                    byRow.add(x, values[target][i]);
                                }
                                // a larger index array than the rows kept, as a reader's reused one
                                int[] padded = Arrays.copyOf(rows, chunk + 1);
                                byColumn.addColumns(values, featureColumns, target, padded, rows.length);
                            }
                            String what =
                                    "n " + n + ", chunk " + chunk + ", centre " + centre + ", expected " + expected;
                            assertThat(byColumn.rows()).as(what).isEqualTo(byRow.rows());
                            assertSameBits(finish(byColumn), finish(byRow));
                            assertThat(byColumn.products()).as(what).containsExactly(byRow.products());
                            assertThat(byColumn.columnSums()).as(what).containsExactly(byRow.columnSums());
                        }
                    }
                }
            }
        }
    }

    private static GramSystem finish(GramAccumulator accumulator) {
        return accumulator.finish(() -> new InvalidInputException("not finite"));
    }

    private static double[][] columnMajor(double[][] rows, int n) {
        double[][] columns = new double[rows[0].length][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < columns.length; j++) {
                columns[j][i] = rows[i][j];
            }
        }
        return columns;
    }

    /** Rows {@code [from, from + size)} of the columns, in arrays of {@code size} rows as a reader's buffer. */
    private static double[][] chunkOf(double[][] columns, int from, int size) {
        double[][] chunk = new double[columns.length][size];
        int rows = Math.min(size, columns[0].length - from);
        for (int j = 0; j < columns.length; j++) {
            System.arraycopy(columns[j], from, chunk[j], 0, rows);
        }
        return chunk;
    }

    /** Per chunk, about four rows in five of it, in order; now and then a chunk keeps none. */
    private static List<int[]> keptRows(int n, int chunk, Random random) {
        List<int[]> kept = new ArrayList<>();
        for (int from = 0; from < n; from += chunk) {
            int size = Math.min(chunk, n - from);
            boolean none = random.nextInt(10) == 0;
            kept.add(IntStream.range(0, size)
                    .filter(i -> !none && random.nextInt(5) != 0)
                    .toArray());
        }
        return kept;
    }

    private static void assertSameBits(GramSystem streamed, GramSystem inMemory) {
        assertThat(streamed.gram()).containsExactly(inMemory.gram());
        assertThat(streamed.xty()).containsExactly(inMemory.xty());
        assertThat(streamed.xMean()).containsExactly(inMemory.xMean());
        assertThat(streamed.featureScale()).containsExactly(inMemory.featureScale());
        assertThat(streamed.yNorm2()).isEqualTo(inMemory.yNorm2());
        assertThat(streamed.yMean()).isEqualTo(inMemory.yMean());
    }

    private static DesignMatrix design(double[][] rows, double[] y) {
        return new DesignMatrix(List.of("a", "b", "c", "d"), rows, new int[] {0, 1, 2, 3}, y);
    }
}
