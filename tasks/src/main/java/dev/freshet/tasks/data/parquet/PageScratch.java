package dev.freshet.tasks.data.parquet;

import com.github.luben.zstd.ZstdDecompressCtx;

import java.util.zip.CRC32;
import java.util.zip.Inflater;

/**
 * The reusable arrays and decompressors of one row-group cursor, shared by its columns (they decode one page at a
 * time): each as large as the largest page read so far.
 */
final class PageScratch implements AutoCloseable {

    final CRC32 crc = new CRC32();
    private ZstdDecompressCtx zstd;
    private Inflater inflater;
    private byte[] header = new byte[0];
    private byte[] source = new byte[0];
    private byte[] plain = new byte[0];
    private byte[] joined = new byte[0];
    private int[] ints = new int[0];
    private long[] longs = new long[0];
    private double[] doubles = new double[0];

    ZstdDecompressCtx zstd() {
        if (zstd == null) {
            zstd = new ZstdDecompressCtx();
        }
        return zstd;
    }

    Inflater inflater() {
        if (inflater == null) {
            inflater = new Inflater(true);
        }
        return inflater;
    }

    byte[] header(int size) {
        if (header.length < size) {
            header = new byte[size];
        }
        return header;
    }

    byte[] source(int size) {
        if (source.length < size) {
            source = new byte[roomFor(size)];
        }
        return source;
    }

    byte[] plain(int size) {
        if (plain.length < size) {
            plain = new byte[roomFor(size)];
        }
        return plain;
    }

    /**
     * The length of a page buffer made for {@code size}: an eighth more, for the next page. The pages of a chunk differ
     * by a few bytes or values, and a buffer made to the byte was made again for nearly every column (a megabyte each
     * in another writer's files: about half of a Parquet rewrite's garbage).
     */
    static int roomFor(int size) {
        return (int) Math.min(Integer.MAX_VALUE - 8, size + (long) (size >>> 3));
    }

    byte[] joined(int size) {
        if (joined.length < size) {
            joined = new byte[size];
        }
        return joined;
    }

    int[] ints(int size) {
        if (ints.length < size) {
            ints = new int[size];
        }
        return ints;
    }

    long[] longs(int size) {
        if (longs.length < size) {
            longs = new long[size];
        }
        return longs;
    }

    double[] doubles(int size) {
        if (doubles.length < size) {
            doubles = new double[size];
        }
        return doubles;
    }

    @Override
    public void close() {
        if (zstd != null) {
            zstd.close();
            zstd = null;
        }
        if (inflater != null) {
            inflater.end();
            inflater = null;
        }
    }
}
