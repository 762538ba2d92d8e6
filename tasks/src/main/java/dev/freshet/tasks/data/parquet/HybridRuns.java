package dev.freshet.tasks.data.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Parquet's RLE/bit-packed hybrid encoding, the one of definition levels and dictionary indices: runs of one value
 * (a ULEB128 header with its low bit 0, then the value in whole bytes) and groups of eight bit-packed values (low
 * bit 1), least significant bit first.
 */
final class HybridRuns {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private HybridRuns() {}

    /**
     * Decodes {@code count} definition levels (max 1, one bit each) from {@code bytes[from..to)}: marks
     * {@code nulls[i]} for each level 0 and returns how many are 1. Leaves {@code nulls} untouched and returns
     * {@code count} when every value is present (the common case: one run of ones, decoded without a loop).
     */
    static int levels(byte[] bytes, int from, int to, boolean[] nulls, int count, int[] scratch)
            throws ColumnPages.CorruptPage {
        if (from < to) {
            int first = bytes[from] & 0xff;
            if ((first & 1) == 0 && from + 1 < to) {
                // a run of ones covering the page: its ULEB128 length, then the value 1
                long run = 0;
                int shift = 0;
                int pos = from;
                int b;
                do {
                    b = bytes[pos++] & 0xff;
                    run |= (long) (b & 0x7f) << shift;
                    shift += 7;
                } while ((b & 0x80) != 0 && pos < to && shift <= 28);
                if ((b & 0x80) == 0 && pos < to && (bytes[pos] & 0xff) == 1 && run >>> 1 >= count) {
                    return count;
                }
            }
        }
        decode(bytes, from, to, 1, scratch, count);
        int present = 0;
        for (int i = 0; i < count; i++) {
            present += scratch[i];
        }
        if (present < count) {
            for (int i = 0; i < count; i++) {
                nulls[i] = scratch[i] == 0;
            }
        }
        return present;
    }

    /**
     * Decodes {@code count} values of {@code bitWidth} bits from {@code bytes[from..to)} into {@code out[0..count)};
     * returns the position after the last run read. Throws when the runs end before {@code count} values.
     */
    static int decode(byte[] bytes, int from, int to, int bitWidth, int[] out, int count)
            throws ColumnPages.CorruptPage {
        if (bitWidth < 0 || bitWidth > 32) {
            throw new ColumnPages.CorruptPage("a bit width of " + bitWidth);
        }
        int byteWidth = (bitWidth + 7) / 8;
        long mask = (1L << bitWidth) - 1;
        int pos = from;
        int n = 0;
        while (n < count) {
            long header = 0;
            int shift = 0;
            int b;
            do {
                if (pos >= to || shift > 28) {
                    throw runsShort(n, count);
                }
                b = bytes[pos++] & 0xff;
                header |= (long) (b & 0x7f) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            if ((header & 1) == 0) {
                long run = header >>> 1;
                if (run == 0 || pos + byteWidth > to) {
                    throw runsShort(n, count);
                }
                int value = 0;
                for (int k = 0; k < byteWidth; k++) {
                    value |= (bytes[pos + k] & 0xff) << (8 * k);
                }
                if ((value & 0xffffffffL) > mask) {
                    throw new ColumnPages.CorruptPage("a run's value " + Integer.toUnsignedString(value)
                            + " is wider than its " + bitWidth + " bits");
                }
                pos += byteWidth;
                int take = (int) Math.min(run, count - n);
                Arrays.fill(out, n, n + take, value);
                n += take;
            } else {
                long groups = header >>> 1;
                long packedBytes = groups * bitWidth;
                long available = Math.min(packedBytes, to - pos);
                long fit = bitWidth == 0 ? groups * 8 : available * 8 / bitWidth;
                int take = (int) Math.min(Math.min(groups * 8, fit), count - n);
                if (take == 0) {
                    throw runsShort(n, count);
                }
                long bit = (long) pos * 8;
                for (int i = 0; i < take; i++, bit += bitWidth) {
                    int at = (int) (bit >>> 3);
                    int offset = (int) (bit & 7);
                    long word;
                    if (at + 8 <= bytes.length) {
                        // offset + bitWidth <= 39 bits: one 8-byte load holds the value (the bytes past it are masked)
                        word = (long) LONGS.get(bytes, at);
                    } else {
                        int need = (offset + bitWidth + 7) >>> 3;
                        word = 0;
                        for (int k = 0; k < need; k++) {
                            word |= (long) (bytes[at + k] & 0xff) << (8 * k);
                        }
                    }
                    out[n + i] = (int) ((word >>> offset) & mask);
                }
                n += take;
                pos += (int) available;
            }
        }
        return pos;
    }

    private static ColumnPages.CorruptPage runsShort(int read, int count) {
        return new ColumnPages.CorruptPage("its RLE/bit-packed runs end after " + read + " of " + count + " values");
    }
}
