package dev.freshet.tasks.data.parquet;

import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.SchemaElement;
import org.apache.parquet.format.Type;
import org.apache.parquet.format.Util;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Parquet files made byte by byte, to say whatever a hostile writer would: one DOUBLE column, one row group. */
final class CraftedParquet {

    private CraftedParquet() {}

    /** A file of one uncompressed column chunk, {@code pages} (headers included), claiming {@code rows} rows. */
    static Path file(Path path, FieldRepetitionType repetition, long rows, byte[] pages) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
        long offset = out.size();
        out.writeBytes(pages);
        List<SchemaElement> schema = List.of(
                new SchemaElement("schema").setNum_children(1),
                new SchemaElement("x").setType(Type.DOUBLE).setRepetition_type(repetition));
        ColumnMetaData meta = new ColumnMetaData(
                Type.DOUBLE,
                List.of(Encoding.PLAIN, Encoding.RLE),
                List.of("x"),
                CompressionCodec.UNCOMPRESSED,
                rows,
                pages.length,
                pages.length,
                offset);
        RowGroup group =
                new RowGroup(new ArrayList<>(List.of(new ColumnChunk(offset).setMeta_data(meta))), pages.length, rows);
        FileMetaData footer = new FileMetaData(1, new ArrayList<>(schema), rows, new ArrayList<>(List.of(group)))
                .setCreated_by("a hostile writer");
        ByteArrayOutputStream footerBytes = new ByteArrayOutputStream();
        Util.writeFileMetaData(footer, footerBytes);
        out.writeBytes(footerBytes.toByteArray());
        out.writeBytes(ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(footerBytes.size())
                .array());
        out.writeBytes("PAR1".getBytes(StandardCharsets.US_ASCII));
        return Files.write(path, out.toByteArray());
    }

    /** A page: its header, then its body. */
    static byte[] page(PageHeader header, byte[] body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Util.writePageHeader(header, out);
        out.writeBytes(body);
        return out.toByteArray();
    }
}
