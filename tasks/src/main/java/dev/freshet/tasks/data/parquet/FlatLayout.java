package dev.freshet.tasks.data.parquet;

import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.IntType;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Parquet files of other writers the project's reader takes: a flat schema of DOUBLE and INT64 columns (an INT64
 * with no logical type or a signed 64-bit integer one), each REQUIRED or OPTIONAL, compressed by a codec of
 * {@link Codecs#READ}, encoded PLAIN, with a dictionary, BYTE_STREAM_SPLIT or (INT64) DELTA_BINARY_PACKED. {@link #plan} says whether a footer is one.
 */
final class FlatLayout {

    private static final Set<Encoding> ENCODINGS = Set.of(
            Encoding.PLAIN,
            Encoding.PLAIN_DICTIONARY,
            Encoding.RLE_DICTIONARY,
            Encoding.BYTE_STREAM_SPLIT,
            Encoding.DELTA_BINARY_PACKED,
            Encoding.RLE,
            Encoding.BIT_PACKED);

    private FlatLayout() {}

    /** A flat file's columns, and which of them are OPTIONAL (may hold nulls). */
    record Plan(List<ColumnPlan> columns, boolean[] optional) {}

    static Optional<Plan> plan(FileMetaData footer) {
        List<SchemaElement> schema = footer.getSchema();
        if (footer.isSetEncryption_algorithm()
                || schema == null
                || schema.size() < 2
                || schema.get(0).isSetType()
                || schema.get(0).getNum_children() != schema.size() - 1
                || footer.getRow_groups() == null) {
            return Optional.empty();
        }
        List<ColumnPlan> columns = new ArrayList<>(schema.size() - 1);
        boolean[] optional = new boolean[schema.size() - 1];
        for (int j = 0; j < optional.length; j++) {
            SchemaElement element = schema.get(j + 1);
            Optional<ColumnPlan> column = column(element);
            if (column.isEmpty()) {
                return Optional.empty();
            }
            columns.add(column.get());
            optional[j] = element.getRepetition_type() == FieldRepetitionType.OPTIONAL;
        }
        for (RowGroup group : footer.getRow_groups()) {
            if (!chunksFit(group, columns)) {
                return Optional.empty();
            }
        }
        return Optional.of(new Plan(List.copyOf(columns), optional));
    }

    private static Optional<ColumnPlan> column(SchemaElement element) {
        if (!element.isSetType()
                || element.getNum_children() > 0
                || element.getName() == null
                || element.getName().isEmpty()
                || !element.isSetRepetition_type()
                || element.getRepetition_type() == FieldRepetitionType.REPEATED) {
            return Optional.empty();
        }
        return switch (element.getType()) {
            case DOUBLE ->
                element.isSetLogicalType() || element.isSetConverted_type()
                        ? Optional.empty()
                        : Optional.of(ColumnPlan.doubles(element.getName()));
            case INT64 -> wholeNumbers(element) ? Optional.of(ColumnPlan.int64(element.getName())) : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static boolean wholeNumbers(SchemaElement element) {
        LogicalType logical = element.getLogicalType();
        if (logical != null) {
            if (!logical.isSetINTEGER()) {
                return false;
            }
            IntType integer = logical.getINTEGER();
            if (integer.getBitWidth() != 64 || !integer.isIsSigned()) {
                return false;
            }
        }
        return !element.isSetConverted_type() || element.getConverted_type() == ConvertedType.INT_64;
    }

    private static boolean chunksFit(RowGroup group, List<ColumnPlan> columns) {
        if (group.getColumns() == null
                || group.getColumnsSize() != columns.size()
                || group.getNum_rows() < 0
                || group.getNum_rows() > Integer.MAX_VALUE) {
            return false;
        }
        for (int j = 0; j < columns.size(); j++) {
            ColumnChunk chunk = group.getColumns().get(j);
            ColumnMetaData meta = chunk.getMeta_data();
            ColumnPlan column = columns.get(j);
            if (chunk.isSetFile_path()
                    || chunk.isSetCrypto_metadata()
                    || meta == null
                    || meta.getType() != SnapshotLayout.physical(column.kind())
                    || !Codecs.READ.contains(meta.getCodec())
                    || meta.getEncodings() == null
                    || !ENCODINGS.containsAll(meta.getEncodings())
                    || meta.getNum_values() != group.getNum_rows()
                    || !List.of(column.name()).equals(meta.getPath_in_schema())) {
                return false;
            }
        }
        return true;
    }
}
