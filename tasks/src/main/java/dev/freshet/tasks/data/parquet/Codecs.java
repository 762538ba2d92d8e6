package dev.freshet.tasks.data.parquet;

import com.github.luben.zstd.ZstdException;
import org.apache.parquet.format.CompressionCodec;
import org.xerial.snappy.Snappy;

import java.io.IOException;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** The page codecs the reader takes, and their decompression into a page of known size. */
final class Codecs {

    static final Set<CompressionCodec> READ = Set.of(
            CompressionCodec.UNCOMPRESSED, CompressionCodec.ZSTD, CompressionCodec.GZIP, CompressionCodec.SNAPPY);

    private Codecs() {}

    /** Decompresses {@code length} bytes at {@code from} into exactly {@code size} bytes of {@code into}. */
    static void decompress(
            CompressionCodec codec, byte[] bytes, int from, int length, byte[] into, int size, PageScratch scratch)
            throws ColumnPages.CorruptPage {
        int got;
        switch (codec) {
            case UNCOMPRESSED -> {
                got = length;
                System.arraycopy(bytes, from, into, 0, Math.min(length, size));
            }
            case ZSTD -> {
                try {
                    got = scratch.zstd().decompressByteArray(into, 0, size, bytes, from, length);
                } catch (ZstdException e) {
                    throw new ColumnPages.CorruptPage("zstd: " + e.getMessage());
                }
            }
            case GZIP -> got = gunzip(bytes, from, length, into, size, scratch.inflater());
            case SNAPPY -> got = unsnappy(bytes, from, length, into, size);
            default -> throw new ColumnPages.CorruptPage("a page compressed " + codec);
        }
        if (got != size) {
            throw new ColumnPages.CorruptPage("a page decompresses to " + got + " bytes, its header says " + size);
        }
    }

    private static int unsnappy(byte[] bytes, int from, int length, byte[] into, int size)
            throws ColumnPages.CorruptPage {
        try {
            int plain = Snappy.uncompressedLength(bytes, from, length);
            if (plain != size) {
                return plain;
            }
            return Snappy.uncompress(bytes, from, length, into, 0);
        } catch (IOException e) {
            throw new ColumnPages.CorruptPage("snappy: " + e.getMessage());
        }
    }

    /** A gzip member: a 10-byte header (and the optional fields its flags announce), deflate, an 8-byte trailer. */
    private static int gunzip(byte[] bytes, int from, int length, byte[] into, int size, Inflater inflater)
            throws ColumnPages.CorruptPage {
        int end = from + length;
        if (length < 18 || (bytes[from] & 0xff) != 0x1f || (bytes[from + 1] & 0xff) != 0x8b || bytes[from + 2] != 8) {
            throw new ColumnPages.CorruptPage("a page that is not gzip");
        }
        int flags = bytes[from + 3] & 0xff;
        int at = from + 10;
        if ((flags & 4) != 0) {
            if (at + 2 > end) {
                throw new ColumnPages.CorruptPage("a gzip page ends in its header");
            }
            at += 2 + ((bytes[at] & 0xff) | (bytes[at + 1] & 0xff) << 8);
        }
        if ((flags & 8) != 0) {
            while (at < end && bytes[at++] != 0) {
                // the file name
            }
        }
        if ((flags & 16) != 0) {
            while (at < end && bytes[at++] != 0) {
                // the comment
            }
        }
        if ((flags & 2) != 0) {
            at += 2;
        }
        if (at >= end) {
            throw new ColumnPages.CorruptPage("a gzip page ends in its header");
        }
        inflater.reset();
        inflater.setInput(bytes, at, end - at);
        try {
            int got = 0;
            while (got < size && !inflater.finished()) {
                int n = inflater.inflate(into, got, size - got);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                got += n;
            }
            if (!inflater.finished()) {
                // more than the header says, or a stream cut short
                return inflater.needsInput() ? got : got + 1;
            }
            return got;
        } catch (DataFormatException e) {
            throw new ColumnPages.CorruptPage("gzip: " + e.getMessage());
        }
    }
}
