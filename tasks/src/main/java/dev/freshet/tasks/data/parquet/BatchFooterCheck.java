package dev.freshet.tasks.data.parquet;

import dev.freshet.engine.error.InvalidInputException;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks every Parquet batch passes before any reader takes it, from its own footer: the rows its row groups
 * claim agree with its footer's count and with their column chunks' values, and its column names are neither blank
 * nor repeated, also ignoring case (DuckDB's names are case-insensitive, and it would rename them). A file whose
 * footer does not decode is left to the readers, which say so.
 */
public final class BatchFooterCheck {

    private BatchFooterCheck() {}

    /** Throws {@link InvalidInputException} naming {@code file} when its footer fails a check. */
    public static void check(Path file) {
        FileMetaData footer;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            footer = SnapshotParquetFile.readFooter(file, channel).footer();
        } catch (IOException | InvalidInputException e) {
            return; // not readable Parquet: the readers name the file and say why
        }
        check(file, footer);
    }

    static void check(Path file, FileMetaData footer) {
        List<SchemaElement> schema = footer.getSchema();
        Walk walk = schema == null ? null : Walk.of(schema);
        if (walk != null) {
            checkNames(file, walk.names());
        }
        checkRows(file, footer, walk);
    }

    private static void checkNames(Path file, List<String> names) {
        Map<String, Integer> seen = new HashMap<>();
        for (int j = 0; j < names.size(); j++) {
            String name = names.get(j);
            if (name == null || name.isBlank()) {
                throw new InvalidInputException(file + ": column name " + (j + 1) + " is blank");
            }
            Integer before = seen.putIfAbsent(name.toLowerCase(Locale.ROOT), j);
            if (before != null) {
                String other = names.get(before);
                throw new InvalidInputException(
                        other.equals(name)
                                ? file + ": column name " + (j + 1) + " '" + name + "' appears more than once (column "
                                        + (before + 1) + " too)"
                                : file + ": column name " + (j + 1) + " '" + name + "' is column " + (before + 1)
                                        + "'s '" + other
                                        + "' but for case, and column names are compared ignoring case");
            }
        }
    }

    private static void checkRows(Path file, FileMetaData footer, Walk walk) {
        List<RowGroup> groups = footer.getRow_groups() == null ? List.of() : footer.getRow_groups();
        long total = 0;
        boolean overflow = false;
        for (int g = 0; g < groups.size(); g++) {
            long rows = groups.get(g).getNum_rows();
            if (rows < 0) {
                throw new InvalidInputException(file + ": row group " + g + " claims " + rows + " rows");
            }
            try {
                total = Math.addExact(total, rows);
            } catch (ArithmeticException e) {
                overflow = true;
            }
        }
        if (footer.getNum_rows() < 0) {
            throw new InvalidInputException(file + ": its footer claims " + footer.getNum_rows() + " rows");
        }
        if (overflow || total != footer.getNum_rows()) {
            throw new InvalidInputException(
                    groups.size() == 1
                            ? file + ": row group 0 claims " + groups.get(0).getNum_rows() + " rows, its footer says "
                                    + footer.getNum_rows()
                            : file + ": its row groups hold " + (overflow ? "more than " + Long.MAX_VALUE : total)
                                    + " rows, its footer says " + footer.getNum_rows());
        }
        if (total > Integer.MAX_VALUE) {
            throw new InvalidInputException(
                    file + ": it holds " + total + " rows, more than the " + Integer.MAX_VALUE + " a data set takes");
        }
        if (walk == null) {
            return;
        }
        for (int g = 0; g < groups.size(); g++) {
            RowGroup group = groups.get(g);
            List<ColumnChunk> chunks = group.getColumns();
            if (chunks == null || chunks.size() != walk.leaves().size()) {
                continue; // not this schema's chunks: the readers refuse the file
            }
            for (int j = 0; j < chunks.size(); j++) {
                Leaf leaf = walk.leaves().get(j);
                if (leaf.repeated() || chunks.get(j).getMeta_data() == null) {
                    continue; // a repeated column has values per element, not per row
                }
                long values = chunks.get(j).getMeta_data().getNum_values();
                if (values != group.getNum_rows()) {
                    throw new InvalidInputException(file + ": row group " + g + " claims " + group.getNum_rows()
                            + " rows, its column " + leaf.name() + " holds " + values + " values");
                }
            }
        }
    }

    private record Leaf(String name, boolean repeated) {}

    /** The schema's top-level names and its leaf columns in the order of a row group's chunks. */
    private record Walk(List<String> names, List<Leaf> leaves) {

        /** Null when the schema's tree does not add up (the readers refuse such a file). */
        static Walk of(List<SchemaElement> schema) {
            if (schema.isEmpty()) {
                return null;
            }
            List<String> names = new ArrayList<>();
            List<Leaf> leaves = new ArrayList<>();
            int[] next = {1};
            int children = schema.get(0).getNum_children();
            for (int c = 0; c < children; c++) {
                if (next[0] >= schema.size()) {
                    return null;
                }
                names.add(schema.get(next[0]).getName());
                if (!walk(schema, next, false, leaves, 0)) {
                    return null;
                }
            }
            return next[0] == schema.size() ? new Walk(names, leaves) : null;
        }

        private static boolean walk(
                List<SchemaElement> schema, int[] next, boolean repeated, List<Leaf> leaves, int depth) {
            if (next[0] >= schema.size() || depth > 100) {
                return false;
            }
            SchemaElement element = schema.get(next[0]++);
            boolean rep = repeated || element.getRepetition_type() == FieldRepetitionType.REPEATED;
            int children = element.getNum_children();
            if (children <= 0) {
                leaves.add(new Leaf(element.getName(), rep));
                return true;
            }
            for (int c = 0; c < children; c++) {
                if (!walk(schema, next, rep, leaves, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
    }
}
