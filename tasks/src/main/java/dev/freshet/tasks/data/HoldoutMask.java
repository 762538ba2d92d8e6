package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Which rows of a snapshot are held out: one bit per row, as a file of {@code ceil(rows / 8)} bytes, row {@code i}
 * in bit {@code i % 8} (least significant first) of byte {@code i / 8} ({@code numpy.unpackbits(…,
 * bitorder='little')}). The split is recorded, not written out as copies of the data: 125 KB per million rows.
 */
public final class HoldoutMask {
    private final long[] words;
    private final int rows;

    private HoldoutMask(long[] words, int rows) {
        this.words = words;
        this.rows = rows;
    }

    public int rows() {
        return rows;
    }

    public boolean isHoldout(int row) {
        return (words[row >>> 6] & (1L << row)) != 0;
    }

    public int holdoutRows() {
        int count = 0;
        for (long word : words) {
            count += Long.bitCount(word);
        }
        return count;
    }

    public void write(Path file) {
        byte[] bytes = new byte[(rows + 7) / 8];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (words[i >>> 3] >>> (8 * (i & 7)));
        }
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot write the split: " + e.getMessage(), e);
        }
    }

    public static HoldoutMask read(Path file, int rows) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot read the split: " + e.getMessage(), e);
        }
        if (bytes.length != (rows + 7) / 8) {
            throw new InvalidInputException(
                    file + ": a split of " + bytes.length + " bytes does not fit " + rows + " rows");
        }
        long[] words = new long[(rows + 63) / 64];
        for (int i = 0; i < bytes.length; i++) {
            words[i >>> 3] |= (bytes[i] & 0xffL) << (8 * (i & 7));
        }
        return new HoldoutMask(words, rows);
    }

    /** Collects the mask row by row. */
    public static final class Builder {
        private long[] words = new long[1024];
        private int rows;

        public void add(boolean holdout) {
            if (rows >>> 6 == words.length) {
                words = Arrays.copyOf(words, words.length * 2);
            }
            if (holdout) {
                words[rows >>> 6] |= 1L << rows;
            }
            rows++;
        }

        public int rows() {
            return rows;
        }

        public HoldoutMask build() {
            return new HoldoutMask(Arrays.copyOf(words, (rows + 63) / 64), rows);
        }
    }
}
