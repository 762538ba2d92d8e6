package dev.freshet.tasks.data.parquet;

import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.ConvertedType;
import org.apache.parquet.format.DecimalType;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.LogicalType;
import org.apache.parquet.format.PageEncodingStats;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one Parquet layout the snapshot writer makes, read as the project's own: a flat schema of REQUIRED columns, each
 * column chunk one v1 data page, PLAIN, ZSTD, with the page's CRC. {@link #plan} says whether a footer is this layout.
 */
final class SnapshotLayout {

    /** The footer's {@code created_by}; a file without it is no snapshot (its columns go by {@link FlatLayout}). */
    static final String CREATED_BY = "freshet snapshot writer 1";

    static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

    /** The most rows a row group may have: a page of them, 8 bytes each, stays far within an array's size. */
    static final int MAX_GROUP_ROWS = 1 << 24;

    private SnapshotLayout() {}

    static List<SchemaElement> schema(List<ColumnPlan> plan) {
        List<SchemaElement> schema = new ArrayList<>(plan.size() + 1);
        schema.add(new SchemaElement("schema").setNum_children(plan.size()));
        for (ColumnPlan column : plan) {
            SchemaElement element = new SchemaElement(column.name())
                    .setType(physical(column.kind()))
                    .setRepetition_type(FieldRepetitionType.REQUIRED);
            if (column.kind().decimal()) {
                element.setConverted_type(ConvertedType.DECIMAL)
                        .setScale(column.scale())
                        .setPrecision(column.kind().precision())
                        .setLogicalType(LogicalType.DECIMAL(
                                new DecimalType(column.scale(), column.kind().precision())));
            }
            schema.add(element);
        }
        return schema;
    }

    static Type physical(ColumnPlan.Kind kind) {
        return switch (kind) {
            case DOUBLE -> Type.DOUBLE;
            case INT64, DECIMAL64 -> Type.INT64;
            case DECIMAL32 -> Type.INT32;
        };
    }

    static ColumnMetaData columnMetaData(ColumnPlan column, int rows, long offset, long compressed, long uncompressed) {
        return new ColumnMetaData(
                        physical(column.kind()),
                        List.of(Encoding.PLAIN),
                        List.of(column.name()),
                        CompressionCodec.ZSTD,
                        rows,
                        uncompressed,
                        compressed,
                        offset)
                .setEncoding_stats(List.of(new PageEncodingStats(PageType.DATA_PAGE, Encoding.PLAIN, 1)));
    }

    /**
     * The columns' plan when the footer is this layout, written by this writer; empty for any other Parquet file
     * (another writer, an OPTIONAL or nested column, another type, encoding or codec, a dictionary page).
     */
    static Optional<List<ColumnPlan>> plan(FileMetaData footer) {
        if (!CREATED_BY.equals(footer.getCreated_by()) || footer.isSetEncryption_algorithm()) {
            return Optional.empty();
        }
        List<SchemaElement> schema = footer.getSchema();
        if (schema == null
                || schema.isEmpty()
                || schema.get(0).isSetType()
                || schema.get(0).getNum_children() != schema.size() - 1) {
            return Optional.empty();
        }
        List<ColumnPlan> plan = new ArrayList<>(schema.size() - 1);
        for (SchemaElement element : schema.subList(1, schema.size())) {
            Optional<ColumnPlan> column = column(element);
            if (column.isEmpty()) {
                return Optional.empty();
            }
            plan.add(column.get());
        }
        if (footer.getRow_groups() == null) {
            return Optional.empty();
        }
        for (RowGroup group : footer.getRow_groups()) {
            if (!chunksFit(group, plan)) {
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(plan));
    }

    private static Optional<ColumnPlan> column(SchemaElement element) {
        if (!element.isSetType()
                || element.getRepetition_type() != FieldRepetitionType.REQUIRED
                || element.getNum_children() > 0
                || element.getName() == null
                || element.getName().isEmpty()) {
            return Optional.empty();
        }
        LogicalType logical = element.getLogicalType();
        if (logical == null && !element.isSetConverted_type()) {
            return switch (element.getType()) {
                case DOUBLE -> Optional.of(ColumnPlan.doubles(element.getName()));
                case INT64 -> Optional.of(ColumnPlan.int64(element.getName()));
                default -> Optional.empty();
            };
        }
        if (logical == null || !logical.isSetDECIMAL()) {
            return Optional.empty();
        }
        DecimalType decimal = logical.getDECIMAL();
        ColumnPlan.Kind kind = switch (element.getType()) {
            case INT32 -> ColumnPlan.Kind.DECIMAL32;
            case INT64 -> ColumnPlan.Kind.DECIMAL64;
            default -> null;
        };
        if (kind == null
                || decimal.getPrecision() != kind.precision()
                || decimal.getScale() < 0
                || decimal.getScale() > kind.precision()) {
            return Optional.empty();
        }
        return Optional.of(new ColumnPlan(element.getName(), kind, decimal.getScale()));
    }

    private static boolean chunksFit(RowGroup group, List<ColumnPlan> plan) {
        if (group.getColumns() == null
                || group.getColumnsSize() != plan.size()
                || group.getNum_rows() < 0
                || group.getNum_rows() > MAX_GROUP_ROWS) {
            return false;
        }
        for (int j = 0; j < plan.size(); j++) {
            ColumnChunk chunk = group.getColumns().get(j);
            ColumnMetaData meta = chunk.getMeta_data();
            ColumnPlan column = plan.get(j);
            if (chunk.isSetFile_path()
                    || chunk.isSetCrypto_metadata()
                    || meta == null
                    || meta.getType() != physical(column.kind())
                    || meta.getCodec() != CompressionCodec.ZSTD
                    || !List.of(Encoding.PLAIN).equals(meta.getEncodings())
                    || meta.isSetDictionary_page_offset()
                    || meta.getNum_values() != group.getNum_rows()
                    || !List.of(column.name()).equals(meta.getPath_in_schema())) {
                return false;
            }
            if (meta.isSetEncoding_stats()) {
                for (PageEncodingStats stats : meta.getEncoding_stats()) {
                    if (stats.getPage_type() != PageType.DATA_PAGE || stats.getEncoding() != Encoding.PLAIN) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
