package dev.freshet.tasks.data.parquet;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.tasks.data.DuckDb;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A flat file of another writer whose pages do not decode fails naming the file, the column and the row group. */
class FlatParquetCorruptionTest {

    @TempDir
    Path dir;

    @Test
    void aDictionaryIndexBeyondTheDictionaryFailsNamingTheFileColumnAndRowGroup() throws Exception {
        Path file = duckDb("dictionary.parquet");
        ColumnMetaData b = SnapshotFiles.footer(file)
                .getRow_groups()
                .get(1)
                .getColumns()
                .get(1)
                .getMeta_data();
        byte[] bytes = Files.readAllBytes(file);
        int at = (int) b.getDictionary_page_offset();
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, at, bytes.length - at);
        PageHeader header = Util.readPageHeader(in);
        int length = bytes.length - at - in.available();
        assertThat(header.getDictionary_page_header().getNum_values()).isEqualTo(5);
        header.getDictionary_page_header().setNum_values(2);
        ByteArrayOutputStream changed = new ByteArrayOutputStream();
        Util.writePageHeader(header, changed);
        assertThat(changed.size()).isEqualTo(length);
        System.arraycopy(changed.toByteArray(), 0, bytes, at, length);
        Files.write(file, bytes);

        try (SnapshotParquetFile flat = SnapshotParquetFile.open(file).orElseThrow()) {
            flat.read(0, new double[2][flat.rows(0)]);
            assertThatThrownBy(() -> flat.read(1, new double[2][flat.rows(1)]))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file + ": column b, row group 1: dictionary index")
                    .hasMessageContaining("beyond its 2 values");
        }
    }

    @Test
    void aPageCutShortFailsNamingTheFileColumnAndRowGroup() throws Exception {
        Path file = duckDb("short.parquet");
        SnapshotFiles.changeFooter(file, footer -> {
            ColumnMetaData a = footer.getRow_groups().get(1).getColumns().get(0).getMeta_data();
            a.setTotal_compressed_size(a.getTotal_compressed_size() - 10);
        });

        try (SnapshotParquetFile flat = SnapshotParquetFile.open(file).orElseThrow()) {
            assertThatThrownBy(() -> flat.read(1, new double[2][flat.rows(1)]))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file + ": column a, row group 1: a page of")
                    .hasMessageContaining("runs past the chunk");
        }
    }

    @Test
    void aTruncatedFileFailsNamingTheFile() throws Exception {
        Path file = duckDb("truncated.parquet");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 100));

        assertThatThrownBy(() -> SnapshotParquetFile.open(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file.toString());
    }

    /** Two row groups of an OPTIONAL DOUBLE column with nulls and a BIGINT column DuckDB dictionary-encodes. */
    private Path duckDb(String name) throws Exception {
        Path file = dir.resolve(name);
        try (DuckDb db = DuckDb.open()) {
            db.execute("COPY (SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE i * 0.25 END::DOUBLE AS a, "
                    + "(i % 5)::BIGINT AS b FROM range(4000) t(i)) TO " + DuckDb.literal(file.toString())
                    + " (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE 2048)");
        }
        return file;
    }
}
