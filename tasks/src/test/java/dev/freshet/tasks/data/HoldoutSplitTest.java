package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HoldoutSplitTest {

    private static final Path WINE = Path.of("../workflows/data/wine-quality/white-train.csv");

    @TempDir
    Path dir;

    @Test
    void holdsOutAboutTheFractionAndKeepsEveryRowOnExactlyOneSide() throws IOException {
        HoldoutSplit split = new HoldoutSplit(0.25, 7);

        HoldoutSplit.Counts counts = split.write(WINE, dir.resolve("train.csv"), dir.resolve("holdout.csv"));

        assertThat(counts.train() + counts.holdout()).isEqualTo(3673);
        assertThat((double) counts.holdout() / 3673).isCloseTo(0.25, within(0.03));
        Table train = new CsvTableReader().read(dir.resolve("train.csv"));
        Table holdout = new CsvTableReader().read(dir.resolve("holdout.csv"));
        assertThat(train.columns()).isEqualTo(holdout.columns()).hasSize(12);
        Set<List<Double>> trainRows = rows(train);
        assertThat(rows(holdout)).noneMatch(trainRows::contains);
    }

    @Test
    void aRowLandsOnTheSameSideWhateverElseIsInTheDataSet() throws IOException {
        HoldoutSplit split = new HoldoutSplit(0.3, 42);
        Path all = Files.writeString(dir.resolve("all.csv"), "a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n11,12\n13,14\n15,16\n");
        Path some = Files.writeString(dir.resolve("some.csv"), "a,b\n15,16\n5,6\n 1 , 2\n");

        split.write(all, dir.resolve("t1.csv"), dir.resolve("h1.csv"));
        split.write(some, dir.resolve("t2.csv"), dir.resolve("h2.csv"));

        Set<List<Double>> heldOutOfAll = rows(new CsvTableReader().read(dir.resolve("h1.csv")));
        Set<List<Double>> heldOutOfSome = rows(new CsvTableReader().read(dir.resolve("h2.csv")));
        Set<List<Double>> someRows = Set.of(List.of(15.0, 16.0), List.of(5.0, 6.0), List.of(1.0, 2.0));
        Set<List<Double>> expected = new HashSet<>(heldOutOfAll);
        expected.retainAll(someRows);
        assertThat(heldOutOfSome).isEqualTo(expected);
    }

    @Test
    void rowsHashedDownTheColumnsFallOnTheSidesEachRowHashedAloneFallsOn() {
        HoldoutSplit split = new HoldoutSplit(0.3, 17);
        java.util.Random random = new java.util.Random(8);
        int rows = 5000;
        double[][] columns = new double[4][rows];
        for (int i = 0; i < rows; i++) {
            columns[0][i] = random.nextGaussian();
            columns[1][i] = random.nextInt(50);
            columns[2][i] = i % 97 == 0 ? Double.NaN : random.nextDouble() * 1e6;
            columns[3][i] = i % 89 == 0 ? -0.0 : random.nextInt(3);
        }
        boolean[] sides = new boolean[rows];

        split.holdoutColumns(columns, rows, new long[rows], sides);

        int[] all = {0, 1, 2, 3};
        int held = 0;
        for (int i = 0; i < rows; i++) {
            double[] row = {columns[0][i], columns[1][i], columns[2][i], columns[3][i]};
            assertThat(sides[i]).as("row %d", i).isEqualTo(split.isHoldoutValues(row, all));
            held += sides[i] ? 1 : 0;
        }
        assertThat(held).isBetween(1300, 1700);
    }

    @Test
    void finiteRowsHashedWithTheirCheckFallOnTheSidesOfTheHashDownTheColumns() {
        java.util.Random random = new java.util.Random(21);
        for (long seed : new long[] {0, 7, -3, Long.MIN_VALUE}) {
            HoldoutSplit split = new HoldoutSplit(0.3, seed);
            int rows = 4099; // not a multiple of any vector's lanes
            double[][] columns = oddFiniteColumns(random, 9, rows);
            boolean[] expected = new boolean[rows];
            boolean[] sides = new boolean[rows];
            split.holdoutColumns(columns, rows, new long[rows], expected);

            assertThat(split.holdoutFiniteColumns(columns, rows, new long[rows], new long[rows], sides))
                    .isTrue();

            assertThat(sides).isEqualTo(expected);
            int[] all = java.util.stream.IntStream.range(0, columns.length).toArray();
            for (int i = 0; i < rows; i += 97) {
                double[] row = new double[columns.length];
                for (int j = 0; j < columns.length; j++) {
                    row[j] = columns[j][i];
                }
                assertThat(sides[i]).as("row %d", i).isEqualTo(split.isHoldoutValues(row, all));
            }
        }
    }

    @Test
    void aValueThatIsNotFiniteIsFoundWhereverItIs() {
        HoldoutSplit split = new HoldoutSplit(0.3, 5);
        java.util.Random random = new java.util.Random(4);
        int rows = 1000;
        double[] notFinite = {
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            Double.longBitsToDouble(0x7ff0000000000001L), // a NaN with another payload
            Double.longBitsToDouble(0xfff8000000000000L) // a negative NaN
        };
        for (double bad : notFinite) {
            for (int[] at : new int[][] {{0, 0}, {3, rows - 1}, {5, 517}}) {
                double[][] columns = oddFiniteColumns(random, 6, rows);
                columns[at[0]][at[1]] = bad;

                boolean finite =
                        split.holdoutFiniteColumns(columns, rows, new long[rows], new long[rows], new boolean[rows]);

                assertThat(finite)
                        .as("%s at column %d, row %d", bad, at[0], at[1])
                        .isFalse();
            }
        }
    }

    /** Finite values of every sort: decimals, whole numbers, zeros of both signs, subnormals, the largest. */
    static double[][] oddFiniteColumns(java.util.Random random, int width, int rows) {
        double[][] columns = new double[width][rows];
        for (int j = 0; j < width; j++) {
            for (int i = 0; i < rows; i++) {
                columns[j][i] = switch (random.nextInt(9)) {
                    case 0 -> random.nextGaussian();
                    case 1 -> Math.round(random.nextGaussian() * 1e5) / 1e5;
                    case 2 -> random.nextInt(1000) - 500;
                    case 3 -> random.nextBoolean() ? 0.0 : -0.0;
                    case 4 -> Double.MIN_VALUE * random.nextInt(1 << 20) * (random.nextBoolean() ? 1 : -1);
                    case 5 -> random.nextBoolean() ? Double.MAX_VALUE : -Double.MAX_VALUE;
                    case 6 -> Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL); // any finite bits
                    case 7 -> random.nextDouble() * 1e300;
                    default -> random.nextLong();
                };
            }
        }
        return columns;
    }

    @Test
    void anotherSeedGivesAnotherSplit() {
        List<String> row = List.of("7.4", "0.17", "6");
        int differences = 0;
        for (int seed = 0; seed < 50; seed++) {
            if (new HoldoutSplit(0.5, seed).isHoldout(row) != new HoldoutSplit(0.5, seed + 1).isHoldout(row)) {
                differences++;
            }
        }
        assertThat(differences).isBetween(10, 40);
    }

    @Test
    void refusesFractionsThatLeaveASideEmpty() throws IOException {
        Path one = Files.writeString(dir.resolve("one.csv"), "a\n1\n");

        assertThatThrownBy(() -> new HoldoutSplit(0, 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new HoldoutSplit(1, 1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new HoldoutSplit(0.5, 1).write(one, dir.resolve("t.csv"), dir.resolve("h.csv")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("both need at least one");
    }

    private static Set<List<Double>> rows(Table table) {
        Set<List<Double>> rows = new HashSet<>();
        for (double[] row : table.rows()) {
            rows.add(java.util.Arrays.stream(row).boxed().toList());
        }
        return rows;
    }
}
