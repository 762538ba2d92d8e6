package dev.freshet.tasks.data;

import dev.freshet.tasks.data.parquet.ColumnPlan;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ColumnPlannerTest {

    private static ColumnPlan plan(double... values) {
        return ColumnPlanner.plan("c", values, values.length);
    }

    @Test
    void wholeNumbersAreStoredAsIntegers() {
        assertThat(plan(0, 787, -12, 1e12)).isEqualTo(ColumnPlan.int64("c"));
    }

    @Test
    void decimalsAreStoredAtTheFewestPlacesThatHoldEveryValueExactly() {
        assertThat(plan(3.69837, -1.4958, 0.5, 4)).isEqualTo(ColumnPlan.decimal32("c", 5));
        assertThat(plan(-7.9e-4, 0.1)).isEqualTo(ColumnPlan.decimal32("c", 5));
        assertThat(plan(123456.789012, 0.25)).isEqualTo(ColumnPlan.decimal64("c", 6));
    }

    @Test
    void valuesWithoutAShortDecimalOrWithANegativeZeroStayDoubles() {
        assertThat(plan(Math.PI, 1)).isEqualTo(ColumnPlan.doubles("c"));
        assertThat(plan(1e-20)).isEqualTo(ColumnPlan.doubles("c"));
        assertThat(plan(-0.0, 1.5)).isEqualTo(ColumnPlan.doubles("c"));
        assertThat(plan(0x1p60)).isEqualTo(ColumnPlan.doubles("c"));
    }

    @Test
    void unscaledValuesAndMisfitsAreThoseOfAReadBackThroughTheLongs() {
        Random random = new Random(11);
        List<ColumnPlan> plans = List.of(
                ColumnPlan.int64("w"),
                ColumnPlan.decimal32("d", 0),
                ColumnPlan.decimal32("d", 5),
                ColumnPlan.decimal32("d", 9),
                ColumnPlan.decimal64("e", 6),
                ColumnPlan.decimal64("e", 15));
        int rows = 1031;
        long[] into = new long[rows];
        long[] expected = new long[rows];
        int misfits = 0;
        for (ColumnPlan plan : plans) {
            for (int round = 0; round < 400; round++) {
                double[] values = fitting(random, plan, rows);
                if (round % 2 == 1) {
                    // most slices fit; in the others one value (or a few) somewhere does not
                    for (int k = 1 + random.nextInt(3); k > 0; k--) {
                        values[random.nextInt(rows)] = odd(random, plan);
                    }
                }

                String misfit = ColumnPlanner.unscale(plan, values, rows, into);

                String reference = referenceUnscale(plan, values, rows, expected);
                assertThat(misfit).as("%s, round %d", plan, round).isEqualTo(reference);
                assertThat(into).as("%s, round %d", plan, round).isEqualTo(expected);
                misfits += misfit == null ? 0 : 1;
            }
        }
        int slices = plans.size() * 400;
        assertThat(misfits).as("slices that do not fit").isBetween(slices / 4, slices * 3 / 4);
    }

    @Test
    void aNegativeZeroAndValuesPastThePrecisionDoNotFit() {
        double[] values = {1.5, -0.0, 2};
        assertThat(ColumnPlanner.unscale(ColumnPlan.decimal32("d", 1), values, 3, new long[3]))
                .isEqualTo("column 'd' has a value (-0.0) that is not a decimal of 1 places");
        assertThat(ColumnPlanner.unscale(ColumnPlan.decimal32("d", 0), new double[] {999_999_999, 1e9}, 2, new long[2]))
                .contains("(1.0E9)");
        assertThat(ColumnPlanner.unscale(ColumnPlan.int64("w"), new double[] {0x1p53 - 1, 0x1p53}, 2, new long[2]))
                .contains("(9.007199254740992E15)");
        assertThat(ColumnPlanner.unscale(
                        ColumnPlan.decimal32("d", 0), new double[] {-999_999_999, 0.0}, 2, new long[2]))
                .isNull();
        // -2^63, whose integer is the long's least value: its own absolute value, and past every precision
        assertThat(ColumnPlanner.unscale(ColumnPlan.decimal64("e", 0), new double[] {1, -0x1p63}, 2, new long[2]))
                .contains("(-9.223372036854776E18)");
        assertThat(ColumnPlanner.unscale(ColumnPlan.decimal32("d", 2), new double[] {-0x1p63 / 100}, 1, new long[1]))
                .isNotNull();
    }

    /** Values that are decimals of the plan's places within its precision. */
    private static double[] fitting(Random random, ColumnPlan plan, int rows) {
        double pow = CsvBlockParser.POW10[plan.scale()];
        long bound = plan.kind() == ColumnPlan.Kind.DECIMAL32 ? 1_000_000_000L : 1L << 53;
        double[] values = new double[rows];
        for (int r = 0; r < rows; r++) {
            long whole = random.nextInt(4) == 0 ? random.nextInt(2000) - 1000 : random.nextLong() % bound;
            values[r] = whole / pow;
        }
        return values;
    }

    /** A value that may or may not fit: more places, past the precision, ties, zeros, subnormals, not finite. */
    private static double odd(Random random, ColumnPlan plan) {
        double pow = CsvBlockParser.POW10[plan.scale()];
        long limit = plan.kind() == ColumnPlan.Kind.DECIMAL32 ? 999_999_999L : (1L << 53) - 1;
        return switch (random.nextInt(14)) {
            case 0 -> -0.0;
            case 1 -> 0.0;
            case 2 -> Double.NaN;
            case 3 -> random.nextBoolean() ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            case 4 -> Double.MIN_VALUE * random.nextInt(1000);
            case 5 -> (random.nextBoolean() ? 1 : -1) * Double.MAX_VALUE / random.nextInt(1, 1000);
            case 6 -> (limit + random.nextInt(3)) / pow * (random.nextBoolean() ? 1 : -1);
            case 7 -> (random.nextInt(2000) + 0.5) / pow; // a tie between two integers
            case 8 -> random.nextGaussian(); // more places than any scale
            case 9 -> Math.round(random.nextGaussian() * pow * 10) / (pow * 10); // one place more
            case 10 -> -9.223372036854775808e18 / pow; // -2^63, whose integer is the long's least
            case 11 -> 0x1p63 / pow;
            case 12 -> (random.nextLong() % (limit + 1)) / pow; // fits after all
            default -> -random.nextInt(1000) * 1e-20;
        };
    }

    /** The read-back through the longs, as it was before it moved to the double domain. */
    private static String referenceUnscale(ColumnPlan column, double[] values, int rows, long[] into) {
        double pow = CsvBlockParser.POW10[column.scale()];
        long limit = column.kind() == ColumnPlan.Kind.DECIMAL32 ? 999_999_999L : (1L << 53) - 1;
        for (int r = 0; r < rows; r++) {
            into[r] = (long) Math.rint(values[r] * pow);
        }
        long differ = 0;
        for (int r = 0; r < rows; r++) {
            differ |= Double.doubleToRawLongBits(into[r] / pow) ^ Double.doubleToRawLongBits(values[r]);
        }
        boolean beyond = false;
        for (int r = 0; r < rows; r++) {
            beyond |= into[r] < -limit || into[r] > limit;
        }
        if (differ == 0 && !beyond) {
            return null;
        }
        for (int r = 0; r < rows; r++) {
            if (!CsvBlockParser.exact(values[r], into[r], column.scale()) || into[r] < -limit || into[r] > limit) {
                return "column '" + column.name() + "' has a value (" + values[r] + ") that is not a decimal of "
                        + column.scale() + " places";
            }
        }
        return null;
    }
}
