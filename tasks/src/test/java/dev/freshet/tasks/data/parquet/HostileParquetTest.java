package dev.freshet.tasks.data.parquet;

import dev.freshet.engine.error.InvalidInputException;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FieldRepetitionType;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A small Parquet batch cannot make the reader allocate what its headers claim, nor read values its levels do not
 * say are there: each is refused naming the file, before anything is made for it.
 */
class HostileParquetTest {

    private static final long LITTLE = 64L << 20;

    @TempDir
    Path dir;

    @Test
    void aPageClaimingGigabytesUncompressedIsRefusedBeforeItsBufferIsMade() throws Exception {
        PageHeader header = new PageHeader(PageType.DATA_PAGE, 2_000_000_000, 8)
                .setData_page_header(new DataPageHeader(1, Encoding.PLAIN, Encoding.RLE, Encoding.RLE));
        Path file = CraftedParquet.file(
                dir.resolve("huge-page.parquet"),
                FieldRepetitionType.REQUIRED,
                1,
                CraftedParquet.page(header, new byte[8]));

        assertRefusedCheaply(file, "a page of 1 values claims 2000000000 bytes uncompressed");
    }

    @Test
    void aPageOfMoreValuesThanAPageMayHoldIsRefused() throws Exception {
        int rows = 2_000_000_000;
        // every row null: the levels' length, then one run of zeros as long as the page (a varint of rows << 1)
        ByteBuffer levels =
                ByteBuffer.allocate(4 + 6).order(ByteOrder.LITTLE_ENDIAN).putInt(6);
        long run = (long) rows << 1;
        while ((run & ~0x7fL) != 0) {
            levels.put((byte) ((run & 0x7f) | 0x80));
            run >>>= 7;
        }
        levels.put((byte) run).put((byte) 0);
        byte[] body = java.util.Arrays.copyOf(levels.array(), levels.position());
        PageHeader header = new PageHeader(PageType.DATA_PAGE, body.length, body.length)
                .setData_page_header(new DataPageHeader(rows, Encoding.PLAIN, Encoding.RLE, Encoding.RLE));
        Path file = CraftedParquet.file(
                dir.resolve("huge-rows.parquet"),
                FieldRepetitionType.OPTIONAL,
                rows,
                CraftedParquet.page(header, body));

        assertRefusedCheaply(file, "a page of 2000000000 values, more than the 16777216 a page may hold here");
    }

    @Test
    void aDefinitionLevelAboveOneIsRefusedRatherThanReadAsPresent() throws Exception {
        // two rows, levels 0 then 2 (a column of at most one level), then one value
        byte[] body = ByteBuffer.allocate(4 + 4 + 8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(4)
                .put(new byte[] {2, 0, 2, 2})
                .putDouble(1.5)
                .array();
        PageHeader header = new PageHeader(PageType.DATA_PAGE, body.length, body.length)
                .setData_page_header(new DataPageHeader(2, Encoding.PLAIN, Encoding.RLE, Encoding.RLE));
        Path file = CraftedParquet.file(
                dir.resolve("levels.parquet"), FieldRepetitionType.OPTIONAL, 2, CraftedParquet.page(header, body));

        try (SnapshotParquetFile flat = SnapshotParquetFile.open(file).orElseThrow()) {
            assertThatThrownBy(() -> flat.read(0, new double[1][2]))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file + ": column x, row group 0")
                    .hasMessageContaining("a run's value 2 is wider than its 1 bits");
        }
    }

    @Test
    void aFooterLengthBeyondWhatThriftReadsIsRefusedNamingTheFile() throws Exception {
        Path file = dir.resolve("big-footer.parquet");
        // a sparse file of 3 GiB: its footer length, 2,415,919,104, fits it but not an array
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
            out.setLength(3L << 30);
            out.seek((3L << 30) - 8);
            out.write(ByteBuffer.allocate(4)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(0x90000000)
                    .array());
            out.write("PAR1".getBytes(StandardCharsets.US_ASCII));
        }

        long before = allocated();
        assertThatThrownBy(() -> SnapshotParquetFile.open(file))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("its footer of 2415919104 bytes is more than the 104857600");
        assertThat(allocated() - before).isLessThan(LITTLE);
    }

    private static void assertRefusedCheaply(Path file, String why) {
        try (SnapshotParquetFile flat = SnapshotParquetFile.open(file).orElseThrow();
                RowGroupCursor cursor = flat.cursor(0)) {
            long before = allocated();
            assertThatThrownBy(() -> cursor.read(new double[1][1], new boolean[1][1], 1))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file + ": column x, row group 0")
                    .hasMessageContaining(why);
            assertThat(allocated() - before).as("bytes allocated reading it").isLessThan(LITTLE);
        }
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }
}
