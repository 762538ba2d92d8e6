package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TableTest {

    private final Table table = new Table(List.of("a", "b", "c"), new double[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void readsColumnsAndCountsRows() {
        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(table.columnCount()).isEqualTo(3);
        assertThat(table.column("b")).containsExactly(2, 5);
        assertThat(table.hasColumn("c")).isTrue();
        assertThat(table.hasColumn("d")).isFalse();
    }

    @Test
    void selectsColumnsInTheGivenOrder() {
        Table selected = table.select(List.of("c", "a"));

        assertThat(selected).isEqualTo(new Table(List.of("c", "a"), new double[][] {{3, 1}, {6, 4}}));
        assertThat(table.columnsExcept("b")).containsExactly("a", "c");
    }

    @Test
    void namesAMissingColumnAndTheOnesThatExist() {
        assertThatThrownBy(() -> table.column("pH"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("no column 'pH' (columns: [a, b, c])");
        assertThatThrownBy(() -> table.select(List.of("a", "z"))).hasMessageContaining("'z'");
        assertThatThrownBy(() -> table.columnsExcept("z")).hasMessageContaining("'z'");
    }

    @Test
    void rejectsMalformedTables() {
        assertThatThrownBy(() -> new Table(List.of("a", "b"), new double[][] {{1, 2}, {3}}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("row 1 has 1 values, expected 2");
        assertThatThrownBy(() -> new Table(List.of("a", "a"), new double[][] {}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'a' appears more than once");
        assertThatThrownBy(() -> new Table(List.of("a"), new double[][] {{Double.POSITIVE_INFINITY}}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("row 0, column 'a'");
        assertThatThrownBy(() -> new Table(List.of(), new double[][] {})).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void comparesByContent() {
        Table same = new Table(List.of("a", "b", "c"), new double[][] {{1, 2, 3}, {4, 5, 6}});

        assertThat(table).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(table).isNotEqualTo(table.select(List.of("a", "b", "c")).select(List.of("a", "b")));
    }
}
