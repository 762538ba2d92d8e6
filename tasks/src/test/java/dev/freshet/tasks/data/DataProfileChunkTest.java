package dev.freshet.tasks.data;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** A column's chunk checked in loops over the whole chunk profiles the data exactly as one checked value by value. */
class DataProfileChunkTest {
    private static final List<String> COLUMNS = List.of("price", "rooms", "level", "code", "ratio");
    private static final Schema SCHEMA = new Schema(List.of(
            new ColumnSchema("rooms", ColumnType.INTEGER, false, 0.0, 12.0),
            new ColumnSchema("level", ColumnType.INTEGER, false, null, null),
            new ColumnSchema("ratio", ColumnType.NUMBER, false, -1.0, 1.0)));

    /** Line = row + 2 (the header is line 1). */
    private static final DataProfile.RowNamer NAMER = DataProfileDuplicatesTest.NAMER;

    /** Column-major rows: most chunks clean, some with a missing value, a fraction, a value out of range. */
    private static double[][] data(int rows, long seed) {
        Random random = new Random(seed);
        double[][] values = new double[COLUMNS.size()][rows];
        for (int i = 0; i < rows; i++) {
            values[0][i] = Math.round(random.nextGaussian() * 1e5) / 1e3;
            values[1][i] = random.nextInt(13);
            values[2][i] = random.nextInt(4) - 1;
            values[3][i] = i % 2 == 0 ? -0.0 : random.nextInt(30);
            values[4][i] = random.nextDouble() * 2 - 1;
        }
        values[0][777] = Double.NaN;
        values[1][2500] = 3.5; // not whole in an integer column
        values[1][2600] = 13; // above the range
        values[2][3100] = Double.NaN;
        values[3][4000] = 0.25; // the first fraction: "code" is no longer whole from here
        values[4][5100] = 1.5;
        values[4][5300] = -7;
        values[2][1000] = 1e18; // whole, beyond a long's exact doubles
        values[2][1001] = 0x1p52 - 0.5; // the largest magnitude a fraction has
        values[3][1002] = -0x1p60;
        return values;
    }

    private static DataProfile profile(double[][] values, int rows, int chunk, int sampleSize, boolean valueAtATime) {
        return profile(values, rows, chunk, sampleSize, valueAtATime, false);
    }

    private static DataProfile profile(
            double[][] values, int rows, int chunk, int sampleSize, boolean valueAtATime, boolean finite) {
        long[] present = new long[COLUMNS.size()];
        for (int j = 0; j < present.length; j++) {
            for (int i = 0; i < rows; i++) {
                present[j] += Double.isNaN(values[j][i]) ? 0 : 1;
            }
        }
        DataProfile.Builder builder = new DataProfile.Builder(COLUMNS, SCHEMA, sampleSize, present, 3);
        if (valueAtATime) {
            builder.valueAtATime();
        }
        if (finite) {
            builder.everyValueFinite();
        }
        for (int from = 0; from < rows; from += chunk) {
            int count = Math.min(chunk, rows - from);
            double[][] part = new double[COLUMNS.size()][count];
            int[] handles = new int[count];
            for (int j = 0; j < part.length; j++) {
                System.arraycopy(values[j], from, part[j], 0, count);
            }
            for (int i = 0; i < count; i++) {
                handles[i] = from + i;
            }
            builder.add(part, count, handles, NAMER);
        }
        return builder.build();
    }

    private static void assertSameProfile(DataProfile chunked, DataProfile reference) {
        for (String column : COLUMNS) {
            assertThat(chunked.notWhole(column)).as(column).isEqualTo(reference.notWhole(column));
            assertThat(chunked.notWholeExamples(column)).as(column).isEqualTo(reference.notWholeExamples(column));
            assertThat(chunked.outside(column)).as(column).isEqualTo(reference.outside(column));
            assertThat(chunked.outsideExamples(column)).as(column).isEqualTo(reference.outsideExamples(column));
            assertThat(chunked.inferredType(column)).as(column).isEqualTo(reference.inferredType(column));
            assertThat(chunked.driftSample(column)).as(column).isEqualTo(reference.driftSample(column));
        }
        assertThat(chunked.completeRows()).isEqualTo(reference.completeRows());
        assertThat(chunked.duplicates()).isEqualTo(reference.duplicates());
    }

    @Test
    void chunksWithAndWithoutBrokenValuesProfileAsValueByValue() {
        int rows = 6000;
        double[][] values = data(rows, 11);
        for (int chunk : new int[] {1, 7, 500, 8192}) {
            for (int sampleSize : new int[] {100, 1000, 10_000}) {
                DataProfile chunked = profile(values, rows, chunk, sampleSize, false);
                DataProfile reference = profile(values, rows, chunk, sampleSize, true);
                assertSameProfile(chunked, reference);
            }
        }
        DataProfile profile = profile(values, rows, 500, 1000, false);
        assertThat(profile.inferredType("level")).isEqualTo(ColumnType.NUMBER);
        assertThat(profile.notWhole("level")).isEqualTo(1);
        assertThat(profile.inferredType("code")).isEqualTo(ColumnType.NUMBER);
        assertThat(profile.notWhole("rooms")).isEqualTo(1);
        assertThat(profile.outside("rooms")).isEqualTo(1);
        assertThat(profile.outside("ratio")).isEqualTo(2);
        assertThat(profile.driftSample("price")).hasSize(1000);
    }

    @Test
    void aWholeColumnWithFewDistinctValuesIsInferredAsIntegerAndOneWithManyIsNot() {
        int rows = 6000;
        double[][] values = data(rows, 5);
        values[2][1000] = 2;
        values[2][1001] = 1;
        values[3] = new double[rows];
        for (int i = 0; i < rows; i++) {
            values[3][i] = i; // whole, but thousands of distinct values
        }
        DataProfile chunked = profile(values, rows, 256, 500, false);
        assertSameProfile(chunked, profile(values, rows, 256, 500, true));
        assertThat(chunked.inferredType("code")).isEqualTo(ColumnType.NUMBER);
        assertThat(chunked.inferredType("level")).isEqualTo(ColumnType.INTEGER);
    }

    @Test
    void dataTakenToBeFiniteProfilesAsDataSearchedForMissingValues() {
        int rows = 6000;
        double[][] values = data(rows, 23);
        values[0][777] = 4.5;
        values[2][3100] = 0;
        for (int i = 3000; i < 3400; i++) {
            for (double[] column : values) {
                column[i] = column[i - 3000]; // rows repeated
            }
        }
        for (int chunk : new int[] {1, 500, 8192}) {
            DataProfile taken = profile(values, rows, chunk, 1000, false, true);
            assertSameProfile(taken, profile(values, rows, chunk, 1000, false, false));
            assertSameProfile(taken, profile(values, rows, chunk, 1000, true, false));
            assertThat(taken.duplicates()).isEqualTo(400);
            assertThat(taken.duplicateExamples()).isNotEmpty();
        }
    }
}
