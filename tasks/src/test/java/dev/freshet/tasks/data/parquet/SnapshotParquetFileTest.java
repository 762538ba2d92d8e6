package dev.freshet.tasks.data.parquet;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.tasks.data.DuckDb;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.FileMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reader takes only its writer's files: Parquet of another writer or layout opens as empty (read it another
 * way), and a file that is not readable Parquet, or whose page is corrupt, fails naming the file (and the column).
 */
class SnapshotParquetFileTest {

    private static final List<ColumnPlan> PLAN =
            List.of(ColumnPlan.doubles("a"), ColumnPlan.decimal32("b", 2), ColumnPlan.int64("c"));

    @TempDir
    Path dir;

    @Test
    void aParquetFileDuckDbWroteOpensAsNotOurs() throws Exception {
        Path file = dir.resolve("duckdb.parquet");
        try (DuckDb db = DuckDb.open()) {
            db.execute("COPY (SELECT i * 0.5 AS a, (i % 7)::DECIMAL(9,2) AS b, i::BIGINT AS c FROM range(100) t(i)) "
                    + "TO " + DuckDb.literal(file.toString()) + " (FORMAT parquet, COMPRESSION zstd)");
        }

        assertThat(SnapshotParquetFile.open(file)).isEmpty();
    }

    @Test
    void aFileThatClaimsOurWriterInAnotherLayoutOpensAsNotOurs() throws Exception {
        assertThat(open(written(
                        "optional.parquet",
                        footer -> footer.getSchema().get(2).setRepetition_type(FieldRepetitionType.OPTIONAL))))
                .isEmpty();
        assertThat(open(written("snappy.parquet", footer -> meta(footer, 1, 0).setCodec(CompressionCodec.SNAPPY))))
                .isEmpty();
        assertThat(open(written(
                        "dictionary.parquet", footer -> meta(footer, 0, 2).setDictionary_page_offset(4))))
                .isEmpty();
        assertThat(open(written("other.parquet", footer -> footer.setCreated_by("parquet-cpp-arrow version 19.0.0"))))
                .isEmpty();
        assertThat(open(written("ours.parquet", footer -> {}))).isPresent();
    }

    @Test
    void aTruncatedFileFailsNamingTheFile() throws Exception {
        Path file = written("truncated.parquet", footer -> {});
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 20));

        assertThatThrownBy(() -> SnapshotParquetFile.open(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a readable Parquet file");
    }

    @Test
    void aFileThatIsNotParquetFailsNamingTheFile() throws Exception {
        Path csv = Files.writeString(dir.resolve("data.csv"), "a,b,c\n1,2,3\n4,5,6\n");
        Path empty = Files.writeString(dir.resolve("empty.parquet"), "");

        assertThatThrownBy(() -> SnapshotParquetFile.open(csv))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(csv + ": not a readable Parquet file");
        assertThatThrownBy(() -> SnapshotParquetFile.open(empty))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(empty + ": not a readable Parquet file");
    }

    @Test
    void aCorruptedDataPageFailsNamingTheFileAndTheColumn() throws Exception {
        Path file = written("corrupt.parquet", footer -> {});
        ColumnMetaData c = meta(SnapshotFiles.footer(file), 1, 2);
        byte[] bytes = Files.readAllBytes(file);
        bytes[(int) (c.getData_page_offset() + c.getTotal_compressed_size() - 3)] ^= 0x5a;
        Files.write(file, bytes);

        try (SnapshotParquetFile snapshot = SnapshotParquetFile.open(file).orElseThrow()) {
            snapshot.read(0, new double[3][snapshot.rows(0)]);
            assertThatThrownBy(() -> snapshot.read(1, new double[3][snapshot.rows(1)]))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file + ": column c, row group 1")
                    .hasMessageContaining("checksum");
        }
    }

    @Test
    void aPageOfAnotherSizeThanTheFooterSaysFailsNamingTheFileAndTheColumn() throws Exception {
        Path file = written("short.parquet", footer -> {
            ColumnMetaData b = meta(footer, 0, 1);
            b.setTotal_compressed_size(b.getTotal_compressed_size() - 2);
        });

        try (SnapshotParquetFile snapshot = SnapshotParquetFile.open(file).orElseThrow()) {
            assertThatThrownBy(() -> snapshot.read(0, new double[3][snapshot.rows(0)]))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file + ": column b, row group 0")
                    .hasMessageContaining("runs past the chunk");
        }
    }

    @Test
    void aFooterThatPointsOutsideTheFileFailsNamingTheFile() throws Exception {
        Path file = written("outside.parquet", footer -> meta(footer, 1, 1).setData_page_offset(1L << 40));

        assertThatThrownBy(() -> SnapshotParquetFile.open(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file + ": column b");
    }

    /** A snapshot of two row groups, its footer then changed by {@code change}. */
    private Path written(String name, Consumer<FileMetaData> change) throws IOException {
        Path file = dir.resolve(name);
        try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(file, PLAN, 3)) {
            for (int rows : new int[] {50, 20}) {
                double[] a = new double[rows];
                long[] b = new long[rows];
                long[] c = new long[rows];
                for (int i = 0; i < rows; i++) {
                    a[i] = i * 0.25;
                    b[i] = i * 101 - 1000;
                    c[i] = (long) i * i;
                }
                writer.append(writer.encode(rows, new double[][] {a, null, null}, new long[][] {null, b, c}));
            }
            writer.finish();
        }
        SnapshotFiles.changeFooter(file, change);
        return file;
    }

    private static ColumnMetaData meta(FileMetaData footer, int group, int column) {
        return footer.getRow_groups().get(group).getColumns().get(column).getMeta_data();
    }

    private static java.util.Optional<SnapshotParquetFile> open(Path file) {
        java.util.Optional<SnapshotParquetFile> opened = SnapshotParquetFile.open(file);
        opened.ifPresent(SnapshotParquetFile::close);
        return opened;
    }
}
