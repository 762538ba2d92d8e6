package dev.freshet.engine.monitoring;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prediction ids: a random prefix drawn once per process and a counter, e.g. {@code 3f9a61c2d04e7b15-12a} for row
 * 0x2a. Taking ids for a request is one atomic add, whatever its number of rows; the prefix's 64 random bits keep two
 * processes (or two starts of one) apart. The counter is written as its number of hex digits less one, then the
 * digits, so one process's ids sort as they were issued: the log's primary key grows at its end, the cheap case of
 * a B-tree insert.
 */
public final class PredictionIds {
    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    public PredictionIds() {
        this(HexFormat.of().toHexDigits(new SecureRandom().nextLong()));
    }

    PredictionIds(String prefix) {
        this.prefix = prefix + "-";
    }

    /** Ids for {@code rows} consecutive rows. */
    public Block take(int rows) {
        return new Block(prefix, next.getAndAdd(rows), rows);
    }

    /** Consecutive ids: {@code prefix + hex(first + i)} for i below size. */
    public record Block(String prefix, long first, int size) {
        public String id(int row) {
            return append(new StringBuilder(prefix.length() + 17).append(prefix), first + row)
                    .toString();
        }

        /** The ids comma-separated, in row order: the {@code Freshet-Prediction-Ids} header. */
        public String joined() {
            StringBuilder out = new StringBuilder(size * (prefix.length() + 6));
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    out.append(',');
                }
                append(out.append(prefix), first + i);
            }
            return out.toString();
        }

        private static StringBuilder append(StringBuilder out, long counter) {
            int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(counter) + 3) / 4);
            out.append(HEX[digits - 1]);
            for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
                out.append(HEX[(int) (counter >>> shift) & 0xf]);
            }
            return out;
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
