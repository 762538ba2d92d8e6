package dev.freshet.tasks.data.parquet;

import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.PageType;
import org.apache.parquet.format.Util;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class DataPageHeaderBytesTest {

    @Test
    void theBytesAreTheLibrarysForEverySizeOfVarint() throws IOException {
        int[] edges = {0, 1, 63, 64, 127, 128, 8191, 8192, 1 << 20, (1 << 27) - 1, 1 << 27, Integer.MAX_VALUE};
        int[] crcs = {0, 1, -1, 63, -64, -65, Integer.MIN_VALUE, Integer.MAX_VALUE};
        for (int size : edges) {
            for (int crc : crcs) {
                assertSameAsLibrary(size, size / 3, crc, size / 8);
            }
        }
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            assertSameAsLibrary(
                    random.nextInt(Integer.MAX_VALUE),
                    random.nextInt(Integer.MAX_VALUE),
                    random.nextInt(),
                    random.nextInt(1 << 24));
        }
    }

    @Test
    void theLibraryReadsTheHeaderBack() throws IOException {
        byte[] bytes = new byte[DataPageHeaderBytes.MAX_SIZE];
        int length = DataPageHeaderBytes.write(bytes, 0, 131_072, 40_321, -123_456_789, 16_384);

        PageHeader read = Util.readPageHeader(new ByteArrayInputStream(bytes, 0, length));

        assertThat(read).isEqualTo(libraryHeader(131_072, 40_321, -123_456_789, 16_384));
    }

    @Test
    void theLargestHeaderFitsItsRoomAtAnOffset() {
        byte[] bytes = new byte[7 + DataPageHeaderBytes.MAX_SIZE];
        Arrays.fill(bytes, (byte) 0x55);

        int length = DataPageHeaderBytes.write(
                bytes, 7, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE);

        assertThat(length).isLessThanOrEqualTo(DataPageHeaderBytes.MAX_SIZE);
        assertThat(Arrays.copyOfRange(bytes, 0, 7)).containsOnly((byte) 0x55);
    }

    private static void assertSameAsLibrary(int uncompressed, int compressed, int crc, int rows) throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        Util.writePageHeader(libraryHeader(uncompressed, compressed, crc, rows), expected);
        byte[] ours = new byte[DataPageHeaderBytes.MAX_SIZE];

        int length = DataPageHeaderBytes.write(ours, 0, uncompressed, compressed, crc, rows);

        assertThat(Arrays.copyOf(ours, length))
                .as("sizes %d/%d, crc %d, %d rows", uncompressed, compressed, crc, rows)
                .isEqualTo(expected.toByteArray());
    }

    private static PageHeader libraryHeader(int uncompressed, int compressed, int crc, int rows) {
        return new PageHeader(PageType.DATA_PAGE, uncompressed, compressed)
                .setCrc(crc)
                .setData_page_header(new DataPageHeader(rows, Encoding.PLAIN, Encoding.RLE, Encoding.RLE));
    }
}
