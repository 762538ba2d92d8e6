package dev.freshet.tasks.data.parquet;

import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.DataPageHeader;
import org.apache.parquet.format.DataPageHeaderV2;
import org.apache.parquet.format.DictionaryPageHeader;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * One column chunk read page by page: a dictionary page (PLAIN values) first if there is one, then data pages v1 or
 * v2, PLAIN or dictionary-encoded, with definition levels when the column is OPTIONAL. Holds one decoded page at a
 * time; a null reads as NaN and is told apart.
 */
final class ColumnChunkCursor {

    /** Bytes of a page header read at first; more when it does not parse from these. */
    private static final int HEADER_WINDOW = 256;

    /**
     * The most values a page may hold here (16,777,216: 128 MB of doubles). Writers keep pages near a megabyte; a
     * header claiming more is refused before anything is made for it, so a small file cannot claim gigabytes.
     */
    static final int MAX_PAGE_VALUES = 1 << 24;

    /** What a page may take beyond 16 bytes a value: a padded block, headers. */
    private static final int PAGE_SLACK = 64 << 10;

    private final ColumnPlan column;
    private final boolean optional;
    private final PageScratch scratch;
    private CompressionCodec codec;
    private long position;
    private long end;
    private long valuesLeft;
    private double[] dictionary;
    private int dictionarySize;
    private double[] page = new double[0];
    private boolean[] pageNulls = new boolean[0];
    /** A PLAIN page's bytes as decompressed: a page without nulls is decoded from them straight into the caller's buffer. */
    private byte[] raw = new byte[0];
    /** Whether the page is read from {@link #raw} (at {@link #rawAt}) rather than from {@link #page}. */
    private boolean lazy;

    private int rawAt;
    private boolean pageHasNulls;
    private int pageCount;
    private int pageAt;

    ColumnChunkCursor(ColumnPlan column, boolean optional, PageScratch scratch) {
        this.column = column;
        this.optional = optional;
        this.scratch = scratch;
    }

    /** Starts on the chunk of {@code length} bytes at {@code start} holding {@code rows} values. */
    void start(CompressionCodec codec, long start, long length, long rows) {
        this.codec = codec;
        this.position = start;
        this.end = start + length;
        this.valuesLeft = rows;
        this.dictionary = null;
        this.dictionarySize = 0;
        this.pageCount = 0;
        this.pageAt = 0;
    }

    ColumnPlan column() {
        return column;
    }

    /** Copies the next {@code count} values into {@code into[offset..)}, and whether each is null into {@code nulls}. */
    void read(PageSource source, double[] into, boolean[] nulls, int offset, int count)
            throws ColumnPages.CorruptPage, IOException {
        int done = 0;
        while (done < count) {
            if (pageAt >= pageCount) {
                nextPage(source);
            }
            int take = Math.min(count - done, pageCount - pageAt);
            if (lazy) {
                decodePlain(raw, rawAt + pageAt * column.kind().width(), take, into, offset + done);
            } else {
                System.arraycopy(page, pageAt, into, offset + done, take);
            }
            if (nulls != null) {
                if (pageHasNulls) {
                    System.arraycopy(pageNulls, pageAt, nulls, offset + done, take);
                } else {
                    Arrays.fill(nulls, offset + done, offset + done + take, false);
                }
            }
            pageAt += take;
            done += take;
        }
    }

    private void nextPage(PageSource source) throws ColumnPages.CorruptPage, IOException {
        while (true) {
            if (valuesLeft <= 0 || position >= end) {
                throw new ColumnPages.CorruptPage(
                        "the chunk's pages end before its rows do (" + Math.max(valuesLeft, 0) + " values missing)");
            }
            PageHeader header = readHeader(source);
            int compressed = header.getCompressed_page_size();
            int uncompressed = header.getUncompressed_page_size();
            if (compressed < 0 || uncompressed < 0 || position + compressed > end) {
                throw new ColumnPages.CorruptPage("a page of " + compressed + " bytes runs past the chunk's "
                        + (end - position) + " (truncated?)");
            }
            byte[] bytes = scratch.source(compressed);
            source.read(bytes, compressed, position);
            position += compressed;
            if (header.isSetCrc()) {
                CRC32 crc = scratch.crc;
                crc.reset();
                crc.update(bytes, 0, compressed);
                if ((int) crc.getValue() != header.getCrc()) {
                    throw new ColumnPages.CorruptPage("a page's checksum does not match its bytes");
                }
            }
            switch (header.getType()) {
                case DICTIONARY_PAGE -> readDictionary(header, bytes, compressed);
                case DATA_PAGE -> {
                    readDataPage(header, bytes, compressed);
                    return;
                }
                case DATA_PAGE_V2 -> {
                    readDataPageV2(header, bytes, compressed);
                    return;
                }
                default -> {
                    // an index page: nothing to read
                }
            }
        }
    }

    private PageHeader readHeader(PageSource source) throws ColumnPages.CorruptPage, IOException {
        long room = end - position;
        int window = (int) Math.min(room, HEADER_WINDOW);
        while (true) {
            byte[] bytes = scratch.header(window);
            source.read(bytes, window, position);
            ByteArrayInputStream in = new ByteArrayInputStream(bytes, 0, window);
            try {
                PageHeader header = Util.readPageHeader(in);
                position += window - in.available();
                return header;
            } catch (IOException | RuntimeException e) {
                if (window >= room || window >= (1 << 24)) {
                    throw new ColumnPages.CorruptPage("a page header does not parse: " + e.getMessage());
                }
                window = (int) Math.min(room, window * 8L);
            }
        }
    }

    private void readDictionary(PageHeader header, byte[] bytes, int compressed) throws ColumnPages.CorruptPage {
        DictionaryPageHeader dict = header.getDictionary_page_header();
        if (dictionary != null || dict == null) {
            throw new ColumnPages.CorruptPage(
                    dictionary != null ? "a second dictionary page" : "a dictionary page " + "without its header");
        }
        if (dict.getEncoding() != Encoding.PLAIN && dict.getEncoding() != Encoding.PLAIN_DICTIONARY) {
            throw new ColumnPages.CorruptPage("a dictionary encoded " + dict.getEncoding());
        }
        int size = header.getUncompressed_page_size();
        int count = dict.getNum_values();
        // PLAIN: the values' bytes (a writer may keep unused entries, so not bounded by the chunk's values)
        long valueBytes = (long) count * column.kind().width();
        if (count < 0 || count > MAX_PAGE_VALUES || size < valueBytes || size > valueBytes + PAGE_SLACK) {
            throw new ColumnPages.CorruptPage("a dictionary of " + count + " values in " + size + " bytes");
        }
        byte[] plain = scratch.plain(size);
        Codecs.decompress(codec, bytes, 0, compressed, plain, size, scratch);
        dictionary = new double[Math.max(count, 1)];
        dictionarySize = count;
        decodePlain(plain, 0, count, dictionary, 0);
    }

    private void readDataPage(PageHeader header, byte[] bytes, int compressed) throws ColumnPages.CorruptPage {
        DataPageHeader data = header.getData_page_header();
        if (data == null) {
            throw new ColumnPages.CorruptPage("a data page without its header");
        }
        int count = pageValues(data.getNum_values());
        int size = header.getUncompressed_page_size();
        checkPageSize(count, size);
        byte[] plain = data.getEncoding() == Encoding.PLAIN ? raw(size) : scratch.plain(size);
        Codecs.decompress(codec, bytes, 0, compressed, plain, size, scratch);
        int at = 0;
        int present = count;
        if (optional) {
            if (data.getDefinition_level_encoding() != Encoding.RLE) {
                throw new ColumnPages.CorruptPage(
                        "definition levels encoded " + data.getDefinition_level_encoding() + ", not RLE");
            }
            if (size < 4) {
                throw new ColumnPages.CorruptPage("a page of " + size + " bytes has no room for its levels");
            }
            int length =
                    ByteBuffer.wrap(plain, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
            if (length < 0 || length > size - 4) {
                throw new ColumnPages.CorruptPage("levels of " + length + " bytes in a page of " + size);
            }
            present = levels(plain, 4, 4 + length, count);
            at = 4 + length;
        }
        values(data.getEncoding(), plain, at, size, count, present);
    }

    private void readDataPageV2(PageHeader header, byte[] bytes, int compressed) throws ColumnPages.CorruptPage {
        DataPageHeaderV2 data = header.getData_page_header_v2();
        if (data == null) {
            throw new ColumnPages.CorruptPage("a data page without its header");
        }
        int count = pageValues(data.getNum_values());
        int repetition = data.getRepetition_levels_byte_length();
        int definition = data.getDefinition_levels_byte_length();
        int levels = repetition + definition;
        if (repetition < 0 || definition < 0 || levels > compressed || (!optional && definition > 0)) {
            throw new ColumnPages.CorruptPage(
                    "levels of " + repetition + " + " + definition + " bytes in a page of " + compressed);
        }
        int present = count;
        if (optional) {
            present = levels(bytes, repetition, levels, count);
        }
        int size = header.getUncompressed_page_size() - levels;
        if (size < 0) {
            throw new ColumnPages.CorruptPage("a page's values take " + size + " bytes");
        }
        checkPageSize(count, size);
        byte[] plain = data.getEncoding() == Encoding.PLAIN ? raw(size) : scratch.plain(size);
        boolean isCompressed = !data.isSetIs_compressed() || data.isIs_compressed();
        Codecs.decompress(
                isCompressed ? codec : CompressionCodec.UNCOMPRESSED,
                bytes,
                levels,
                compressed - levels,
                plain,
                size,
                scratch);
        values(data.getEncoding(), plain, 0, size, count, present);
    }

    private int pageValues(int count) throws ColumnPages.CorruptPage {
        if (count <= 0 || count > valuesLeft) {
            throw new ColumnPages.CorruptPage(
                    "a page of " + count + " values where " + valuesLeft + " remain in the chunk");
        }
        if (count > MAX_PAGE_VALUES) {
            throw new ColumnPages.CorruptPage(
                    "a page of " + count + " values, more than the " + MAX_PAGE_VALUES + " a page may hold here");
        }
        valuesLeft -= count;
        pageCount = count;
        lazy = false;
        pageAt = 0;
        pageHasNulls = false;
        return count;
    }

    /**
     * Refuses a page whose uncompressed size is more than {@code count} values can take in any encoding this reader
     * knows (at most 8 bytes a value, 5 a dictionary index, 2 a definition level in runs of one, plus the padding of
     * one DELTA_BINARY_PACKED block: DuckDB pads its last block of 2,048 values to 16 KB), before its buffer is made.
     */
    private static void checkPageSize(int count, int size) throws ColumnPages.CorruptPage {
        if (size > 16L * count + PAGE_SLACK) {
            throw new ColumnPages.CorruptPage(
                    "a page of " + count + " values claims " + size + " bytes uncompressed, more than they can take");
        }
    }

    /** Decodes the page's definition levels (max 1) into {@link #pageNulls}; returns how many values are present. */
    private int levels(byte[] bytes, int from, int to, int count) throws ColumnPages.CorruptPage {
        if (pageNulls.length < count) {
            pageNulls = new boolean[PageScratch.roomFor(count)];
        }
        int present = HybridRuns.levels(bytes, from, to, pageNulls, count, scratch.ints(count));
        pageHasNulls = present < count;
        return present;
    }

    /** Decodes the page's {@code present} values from {@code plain[at..size)}, spread over its rows. */
    private void values(Encoding encoding, byte[] plain, int at, int size, int count, int present)
            throws ColumnPages.CorruptPage {
        if (encoding == Encoding.PLAIN && present == count && plain == raw) {
            if ((long) count * column.kind().width() > size - at) {
                throw new ColumnPages.CorruptPage(count + " values do not fit the page's " + (size - at) + " bytes");
            }
            lazy = true;
            rawAt = at;
            return;
        }
        if (page.length < count) {
            page = new double[PageScratch.roomFor(count)];
        }
        double[] dense = present == count ? page : scratch.doubles(present);
        switch (encoding) {
            case PLAIN -> {
                if ((long) present * column.kind().width() > size - at) {
                    throw new ColumnPages.CorruptPage(
                            present + " values do not fit the page's " + (size - at) + " bytes");
                }
                decodePlain(plain, at, present, dense, 0);
            }
            case DELTA_BINARY_PACKED -> {
                if (column.kind() != ColumnPlan.Kind.INT64) {
                    throw new ColumnPages.CorruptPage("a " + column.kind() + " page encoded DELTA_BINARY_PACKED");
                }
                long[] longs = scratch.longs(present);
                DeltaBinaryPacked.decode(plain, at, size, longs, present);
                for (int i = 0; i < present; i++) {
                    dense[i] = (double) longs[i];
                }
            }
            case BYTE_STREAM_SPLIT -> {
                int width = column.kind().width();
                if ((long) present * width > size - at) {
                    throw new ColumnPages.CorruptPage(
                            present + " values do not fit the page's " + (size - at) + " bytes");
                }
                byte[] joined = scratch.joined(present * width);
                for (int k = 0; k < width; k++) {
                    int stream = at + k * present;
                    for (int i = 0; i < present; i++) {
                        joined[i * width + k] = plain[stream + i];
                    }
                }
                decodePlain(joined, 0, present, dense, 0);
            }
            case PLAIN_DICTIONARY, RLE_DICTIONARY -> {
                if (dictionary == null) {
                    throw new ColumnPages.CorruptPage("a dictionary-encoded page without a dictionary page");
                }
                if (present > 0) {
                    if (at >= size) {
                        throw new ColumnPages.CorruptPage("a dictionary-encoded page without its bit width");
                    }
                    int[] indices = scratch.ints(present);
                    HybridRuns.decode(plain, at + 1, size, plain[at] & 0xff, indices, present);
                    double[] dict = dictionary;
                    int limit = dictionarySize;
                    for (int i = 0; i < present; i++) {
                        int index = indices[i];
                        if (index < 0 || index >= limit) {
                            throw new ColumnPages.CorruptPage("dictionary index " + Integer.toUnsignedString(index)
                                    + " beyond its " + limit + " values");
                        }
                        dense[i] = dict[index];
                    }
                }
            }
            default -> throw new ColumnPages.CorruptPage("a page encoded " + encoding);
        }
        if (dense != page) {
            for (int i = 0, k = 0; i < count; i++) {
                page[i] = pageNulls[i] ? Double.NaN : dense[k++];
            }
        }
    }

    private byte[] raw(int size) {
        if (raw.length < size) {
            raw = new byte[PageScratch.roomFor(size)];
        }
        return raw;
    }

    /** Decodes {@code count} PLAIN values at {@code plain[at..)} into {@code into[offset..)}. */
    private void decodePlain(byte[] plain, int at, int count, double[] into, int offset) {
        ByteBuffer buffer =
                ByteBuffer.wrap(plain, at, count * column.kind().width()).order(ByteOrder.LITTLE_ENDIAN);
        switch (column.kind()) {
            case DOUBLE -> buffer.asDoubleBuffer().get(into, offset, count);
            case INT64 -> {
                long[] longs = scratch.longs(count);
                buffer.asLongBuffer().get(longs, 0, count);
                for (int i = 0; i < count; i++) {
                    into[offset + i] = (double) longs[i];
                }
            }
            case DECIMAL64 -> {
                long[] longs = scratch.longs(count);
                buffer.asLongBuffer().get(longs, 0, count);
                for (int i = 0; i < count; i++) {
                    into[offset + i] = (double) longs[i];
                }
                divide(into, offset, count, ColumnPages.pow10(column.scale()));
            }
            case DECIMAL32 -> {
                int[] ints = scratch.ints(count);
                buffer.asIntBuffer().get(ints, 0, count);
                for (int i = 0; i < count; i++) {
                    into[offset + i] = ints[i];
                }
                divide(into, offset, count, ColumnPages.pow10(column.scale()));
            }
        }
    }
    /**
     * Divides in a loop of its own: the JIT vectorises it, and the conversion and division in one loop ran about
     * three times slower. The integer converts exactly (|unscaled| < 2^53), so the quotient is the same.
     */
    private static void divide(double[] values, int offset, int count, double divisor) {
        for (int i = offset; i < offset + count; i++) {
            values[i] = values[i] / divisor;
        }
    }
}
