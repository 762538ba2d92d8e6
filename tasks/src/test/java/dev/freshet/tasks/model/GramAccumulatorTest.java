package dev.freshet.tasks.model;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

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
