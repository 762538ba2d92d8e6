package dev.freshet.tasks.data;

import dev.freshet.tasks.data.parquet.ColumnPlan;
import org.junit.jupiter.api.Test;

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
}
