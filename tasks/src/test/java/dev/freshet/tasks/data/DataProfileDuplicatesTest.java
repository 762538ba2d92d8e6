package dev.freshet.tasks.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class DataProfileDuplicatesTest {

    private static final List<String> COLUMNS = List.of("a", "b", "c");
    private static final int CHUNK = 4096;

    @TempDir
    Path dir;

    /** Rows named by line = handle + 2 and row = handle. */
    static final DataProfile.RowNamer NAMER = new DataProfile.RowNamer() {
        @Override
        public int line(int handle) {
            return handle + 2;
        }

        @Override
        public int row(int handle) {
            return handle;
        }
    };

    /** Random rows (a tenth of the values missing) with repeats planted, {@code rows[row][column]}. */
    private static double[][] rowsWithRepeats(int count, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[count][COLUMNS.size()];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextInt(10) == 0 ? Double.NaN : random.nextGaussian();
            }
        }
        for (int k = 0; k < 200; k++) {
            int later = 1 + random.nextInt(count - 1);
            rows[later] = rows[random.nextInt(later)].clone();
        }
        rows[count - 5] = rows[0].clone(); // the very first row
        rows[40] = rows[7].clone(); // a row three times
        rows[count / 2] = rows[7].clone();
        return rows;
    }

    private DataProfile.Builder builder(int rows, int examples, int maxSlots) {
        long[] present = new long[COLUMNS.size()];
        Arrays.fill(present, rows);
        return new DataProfile.Builder(COLUMNS, Schema.EMPTY, 100, present, examples, maxSlots, dir);
    }

    /** Feeds the rows a chunk at a time, column-major, as the snapshot reader does. */
    private static void feed(DataProfile.Builder builder, double[][] rows, Runnable afterEachChunk) {
        for (int from = 0; from < rows.length; from += CHUNK) {
            int count = Math.min(CHUNK, rows.length - from);
            double[][] values = new double[COLUMNS.size()][count];
            int[] handles = new int[count];
            for (int i = 0; i < count; i++) {
                handles[i] = from + i;
                for (int j = 0; j < COLUMNS.size(); j++) {
                    values[j][i] = rows[from + i][j];
                }
            }
            builder.add(values, count, handles, NAMER);
            afterEachChunk.run();
        }
    }

    private DataProfile profile(double[][] rows, int examples, int maxSlots) {
        try (DataProfile.Builder builder = builder(rows.length, examples, maxSlots)) {
            feed(builder, rows, () -> {});
            return builder.build();
        }
    }

    /** Each row that equals an earlier one, value for value (NaN equal to NaN), with the first such row. */
    private static List<DataProfile.Duplicate> reference(double[][] rows) {
        Map<List<Long>, Integer> first = new HashMap<>();
        List<DataProfile.Duplicate> found = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            List<Long> key = Arrays.stream(rows[i])
                    .mapToLong(Double::doubleToLongBits)
                    .boxed()
                    .toList();
            Integer earlier = first.putIfAbsent(key, i);
            if (earlier != null) {
                found.add(new DataProfile.Duplicate(i + 2, i, earlier + 2, earlier));
            }
        }
        return found;
    }

    private List<Path> leftInDir() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    @Test
    void spillingGivesTheSameCountAndExamplesAsTheTableAndAsAMapOfRows() throws IOException {
        double[][] rows = rowsWithRepeats(30_000, 11);
        List<DataProfile.Duplicate> expected = reference(rows);
        assertThat(expected).hasSizeGreaterThan(150);

        for (int examples : new int[] {DataValidator.EXAMPLES, 1000}) {
            DataProfile inMemory = profile(rows, examples, RowRepeats.DEFAULT_MAX_SLOTS);
            DataProfile spilled = profile(rows, examples, 64);
            DataProfile spilledOnce = profile(rows, examples, 2048);

            List<DataProfile.Duplicate> first = expected.subList(0, Math.min(examples, expected.size()));
            for (DataProfile profile : List.of(inMemory, spilled, spilledOnce)) {
                assertThat(profile.duplicates()).isEqualTo(expected.size());
                assertThat(profile.duplicateExamples()).isEqualTo(first);
                assertThat(profile.completeRows()).isEqualTo(rows.length);
            }
        }
        assertThat(expected)
                .contains(new DataProfile.Duplicate(42, 40, 9, 7))
                .contains(new DataProfile.Duplicate(15_002, 15_000, 9, 7))
                .contains(new DataProfile.Duplicate(29_997, 29_995, 2, 0));
        assertThat(leftInDir()).isEmpty();
    }

    @Test
    void rowsWithoutRepeatsSpilled() throws IOException {
        Random random = new Random(5);
        double[][] rows = new double[10_000][COLUMNS.size()];
        for (double[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = random.nextDouble();
            }
        }

        DataProfile profile = profile(rows, DataValidator.EXAMPLES, 64);

        assertThat(profile.duplicates()).isZero();
        assertThat(profile.duplicateExamples()).isEmpty();
        assertThat(leftInDir()).isEmpty();
    }

    @Test
    void memoryForDuplicatesStaysWithinTheBudgetAtEightTimesTheRowsItsTableHolds() throws IOException {
        int maxSlots = 1 << 14;
        long budget = maxSlots * 12L + (long) RowRepeats.PARTITIONS * RowRepeats.BUFFER_BYTES;
        double[][] rows = rowsWithRepeats(8 * maxSlots, 3);
        List<Long> resident = new ArrayList<>();

        DataProfile profile;
        try (DataProfile.Builder builder = builder(rows.length, DataValidator.EXAMPLES, maxSlots)) {
            feed(builder, rows, () -> resident.add(builder.residentBytes()));
            profile = builder.build();
            resident.add(builder.residentBytes());
        }

        assertThat(resident).allSatisfy(bytes -> assertThat(bytes).isLessThanOrEqualTo(budget));
        assertThat(profile.duplicates()).isEqualTo(reference(rows).size());
        assertThat(leftInDir()).isEmpty();
    }

    @Test
    void anAbandonedBuilderLeavesNoFiles() throws IOException {
        double[][] rows = rowsWithRepeats(5_000, 9);
        try (DataProfile.Builder builder = builder(rows.length, DataValidator.EXAMPLES, 64)) {
            feed(builder, rows, () -> {});
            assertThat(leftInDir()).isNotEmpty();
        }

        assertThat(leftInDir()).isEmpty();
    }
}
