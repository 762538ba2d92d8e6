package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A rectangular table of finite doubles with named columns, stored row-major.
 *
 * <p>The rows array is not copied (tables can be large); treat it as read-only once it is in a table.
 */
public record Table(List<String> columns, double[][] rows) {

    public Table {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(rows, "rows");
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new InvalidInputException("a table needs at least one column");
        }
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (column.isBlank()) {
                throw new InvalidInputException("column names must not be blank: " + columns);
            }
            if (!seen.add(column)) {
                throw new InvalidInputException("column '" + column + "' appears more than once in " + columns);
            }
        }
        for (int i = 0; i < rows.length; i++) {
            double[] row = rows[i];
            if (row == null || row.length != columns.size()) {
                throw new InvalidInputException("row " + i + " has " + (row == null ? 0 : row.length)
                        + " values, expected " + columns.size() + " (one per column)");
            }
            for (int j = 0; j < row.length; j++) {
                if (!Double.isFinite(row[j])) {
                    throw new InvalidInputException(
                            "row " + i + ", column '" + columns.get(j) + "': " + row[j] + " is not a finite number");
                }
            }
        }
    }

    public int rowCount() {
        return rows.length;
    }

    public int columnCount() {
        return columns.size();
    }

    public boolean hasColumn(String name) {
        return columns.contains(name);
    }

    /** The position of a column; throws naming the missing column and the ones that exist. */
    public int indexOf(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new InvalidInputException("no column '" + name + "' (columns: " + columns + ")");
        }
        return index;
    }

    /** A copy of one column's values. */
    public double[] column(String name) {
        int index = indexOf(name);
        double[] values = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            values[i] = rows[i][index];
        }
        return values;
    }

    /** A new table with the given columns, in the given order. */
    public Table select(List<String> names) {
        int[] indices = names.stream().mapToInt(this::indexOf).toArray();
        double[][] selected = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] row = new double[indices.length];
            for (int j = 0; j < indices.length; j++) {
                row[j] = rows[i][indices[j]];
            }
            selected[i] = row;
        }
        return new Table(names, selected);
    }

    /** The names of every column except the given ones, in table order (e.g. the features beside a target). */
    public List<String> columnsExcept(String... excluded) {
        List<String> excludedList = Arrays.asList(excluded);
        excludedList.forEach(this::indexOf);
        List<String> rest = new ArrayList<>(columns);
        rest.removeAll(excludedList);
        return List.copyOf(rest);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Table that && columns.equals(that.columns) && Arrays.deepEquals(rows, that.rows);
    }

    @Override
    public int hashCode() {
        return 31 * columns.hashCode() + Arrays.deepHashCode(rows);
    }

    @Override
    public String toString() {
        return "Table[columns=" + columns + ", rows=" + rows.length + "]";
    }
}
