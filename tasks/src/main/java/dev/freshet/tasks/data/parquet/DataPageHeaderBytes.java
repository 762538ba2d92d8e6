package dev.freshet.tasks.data.parquet;

/**
 * The Thrift compact encoding of the one page header the snapshot writer makes: a DATA_PAGE with its sizes and CRC,
 * PLAIN values and RLE levels, no statistics. The bytes are those of parquet-format's {@code Util.writePageHeader}
 * for the same header ({@code DataPageHeaderBytesTest}); the library's generated writer is general, and compiling it
 * cost the JIT 0.3–0.9 s of CPU per run, for some nine thousand headers of a single shape.
 */
final class DataPageHeaderBytes {

    /**
     * The most bytes a header takes: eight i32 fields of a type byte and a varint of at most five bytes, the type
     * byte of the data page header, two stops.
     */
    static final int MAX_SIZE = 8 * 6 + 1 + 2;

    private static final int I32 = 5;
    private static final int STRUCT = 12;
    private static final int DATA_PAGE = 0;
    private static final int PLAIN = 0;
    private static final int RLE = 3;

    private DataPageHeaderBytes() {}

    /** Writes the header at {@code into[offset..]}, which has {@link #MAX_SIZE} bytes of room; returns its length. */
    static int write(byte[] into, int offset, int uncompressedSize, int compressedSize, int crc, int rows) {
        int at = offset;
        at = i32(into, at, DATA_PAGE);
        at = i32(into, at, uncompressedSize);
        at = i32(into, at, compressedSize);
        at = i32(into, at, crc);
        into[at++] = (byte) (1 << 4 | STRUCT); // field 5, data_page_header
        at = i32(into, at, rows);
        at = i32(into, at, PLAIN);
        at = i32(into, at, RLE);
        at = i32(into, at, RLE);
        into[at++] = 0; // the data page header's end
        into[at++] = 0; // the page header's end
        return at - offset;
    }

    /** The next field (its id one more than the last's) as an i32: zigzag, then a varint of 7 bits a byte. */
    private static int i32(byte[] into, int at, int value) {
        into[at++] = (byte) (1 << 4 | I32);
        int zigzag = (value << 1) ^ (value >> 31);
        while ((zigzag & ~0x7f) != 0) {
            into[at++] = (byte) ((zigzag & 0x7f) | 0x80);
            zigzag >>>= 7;
        }
        into[at++] = (byte) zigzag;
        return at;
    }
}
