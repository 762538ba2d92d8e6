package dev.freshet.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns two spaces apart, as MLflow's CLI prints them. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    void row(String... cells) {
        rows.add(cells);
    }

    String render() {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], cell(row, i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            appendRow(out, rows.get(r), widths);
            if (r == 0) {
                String[] rule = new String[columns];
                for (int i = 0; i < columns; i++) {
                    rule[i] = "-".repeat(widths[i]);
                }
                appendRow(out, rule, widths);
            }
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, String[] row, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) {
                line.append("  ");
            }
            String cell = cell(row, i);
            line.append(cell).append(" ".repeat(widths[i] - cell.length()));
        }
        out.append(line.toString().stripTrailing()).append(System.lineSeparator());
    }

    private static String cell(String[] row, int i) {
        return i < row.length && row[i] != null ? row[i] : "";
    }
}
