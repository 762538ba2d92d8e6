package dev.freshet.tasks.data.parquet;

/**
 * Parquet's DELTA_BINARY_PACKED encoding of whole numbers (DuckDB's INT64 pages v2): a header (values per block,
 * miniblocks per block, the count, the first value), then blocks of a minimum delta, the miniblocks' bit widths and
 * the miniblocks, each delta bit-packed least significant bit first. Sums wrap as the format says.
 */
final class DeltaBinaryPacked {

    private DeltaBinaryPacked() {}

    /** Decodes {@code count} values from {@code bytes[from..to)} into {@code out[0..count)}. */
    static void decode(byte[] bytes, int from, int to, long[] out, int count) throws ColumnPages.CorruptPage {
        Reader in = new Reader(bytes, from, to);
        long blockSize = in.unsigned();
        long miniblocks = in.unsigned();
        long total = in.unsigned();
        long value = in.zigzag();
        if (blockSize <= 0
                || blockSize % 128 != 0
                || miniblocks <= 0
                || blockSize % miniblocks != 0
                || (blockSize / miniblocks) % 32 != 0
                || blockSize > (1 << 20)) {
            throw new ColumnPages.CorruptPage(
                    "a delta header of blocks of " + blockSize + " values in " + miniblocks + " miniblocks");
        }
        if (total < count) {
            throw new ColumnPages.CorruptPage("its deltas hold " + total + " values, not " + count);
        }
        if (count == 0) {
            return;
        }
        int perMiniblock = (int) (blockSize / miniblocks);
        int n = 0;
        out[n++] = value;
        int[] widths = new int[(int) miniblocks];
        while (n < count) {
            long minDelta = in.zigzag();
            for (int m = 0; m < widths.length; m++) {
                widths[m] = in.nextByte();
                if (widths[m] > 64) {
                    throw new ColumnPages.CorruptPage("a delta miniblock of " + widths[m] + " bits");
                }
            }
            for (int m = 0; m < widths.length && n < count; m++) {
                int width = widths[m];
                long bit = (long) in.position * 8;
                long bytesNeeded = ((long) perMiniblock * width + 7) / 8;
                int take = Math.min(perMiniblock, count - n);
                if ((long) take * width > ((long) to - in.position) * 8) {
                    throw new ColumnPages.CorruptPage("its deltas end after " + n + " of " + count + " values");
                }
                for (int i = 0; i < take; i++, bit += width) {
                    value += minDelta + bits(bytes, bit, width);
                    out[n++] = value;
                }
                in.position = (int) Math.min(to, in.position + bytesNeeded);
            }
        }
    }

    private static long bits(byte[] bytes, long bit, int width) {
        long value = 0;
        int got = 0;
        while (got < width) {
            int at = (int) (bit >>> 3);
            int offset = (int) (bit & 7);
            int take = Math.min(8 - offset, width - got);
            long part = ((bytes[at] & 0xff) >>> offset) & ((1 << take) - 1);
            value |= part << got;
            got += take;
            bit += take;
        }
        return value;
    }

    private static final class Reader {
        private final byte[] bytes;
        private final int to;
        int position;

        Reader(byte[] bytes, int from, int to) {
            this.bytes = bytes;
            this.position = from;
            this.to = to;
        }

        int nextByte() throws ColumnPages.CorruptPage {
            if (position >= to) {
                throw new ColumnPages.CorruptPage("its deltas end in a header");
            }
            return bytes[position++] & 0xff;
        }

        long unsigned() throws ColumnPages.CorruptPage {
            long value = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                int b = nextByte();
                value |= (long) (b & 0x7f) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new ColumnPages.CorruptPage("a delta header's number runs past 64 bits");
        }

        long zigzag() throws ColumnPages.CorruptPage {
            long raw = unsigned();
            return (raw >>> 1) ^ -(raw & 1);
        }
    }
}
