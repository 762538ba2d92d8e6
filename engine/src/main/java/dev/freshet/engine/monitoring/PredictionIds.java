package dev.freshet.engine.monitoring;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
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

    /** Ids with a fixed prefix (hex digits, say), e.g. to write known ids in tests. */
    public PredictionIds(String prefix) {
        this.prefix = prefix + "-";
    }

    /** Ids for {@code rows} consecutive rows. */
    public Block take(int rows) {
        return new Block(prefix, next.getAndAdd(rows), rows);
    }

    /** An id taken apart: its prefix (with the dash) and counter. */
    public record Parsed(String prefix, long counter) {}

    /** The prefix and counter of an id this class issued; empty for any other text. */
    public static Optional<Parsed> parse(String id) {
        int dash = id.lastIndexOf('-');
        if (dash < 1 || id.length() - dash < 3) {
            return Optional.empty();
        }
        int digits = Character.digit(id.charAt(dash + 1), 16) + 1;
        if (digits < 1 || id.length() != dash + 2 + digits) {
            return Optional.empty();
        }
        long counter = 0;
        for (int i = dash + 2; i < id.length(); i++) {
            char c = id.charAt(i);
            int value = Character.digit(c, 16);
            if (value < 0 || Character.isUpperCase(c)) {
                return Optional.empty();
            }
            counter = (counter << 4) | value;
        }
        if (digits > 1 && id.charAt(dash + 2) == '0') {
            return Optional.empty(); // not as issued: ids carry no leading zeros
        }
        return Optional.of(new Parsed(id.substring(0, dash + 1), counter));
    }

    /** Consecutive ids: {@code prefix + hex(first + i)} for i below size. */
    public record Block(String prefix, long first, int size) {
        /** The most characters of an id's counter: its number of hex digits less one, then up to 16 digits. */
        private static final int MAX_COUNTER_CHARS = 17;

        public String id(int row) {
            char[] out = new char[prefix.length() + MAX_COUNTER_CHARS];
            return new String(out, 0, append(out, 0, first + row));
        }

        /**
         * The ids comma-separated, in row order: the {@code Freshet-Prediction-Ids} header. Written into a char
         * array that holds the longest ids (a character at a time into a StringBuilder cost a check of its
         * capacity and coder for each).
         */
        public String joined() {
            if (size == 0) {
                return "";
            }
            char[] out = new char[size * (prefix.length() + MAX_COUNTER_CHARS + 1)];
            int at = append(out, 0, first);
            for (int i = 1; i < size; i++) {
                out[at] = ',';
                at = append(out, at + 1, first + i);
            }
            return new String(out, 0, at);
        }

        private static int hexDigits(long counter) {
            return Math.max(1, (64 - Long.numberOfLeadingZeros(counter) + 3) / 4);
        }

        /** Writes the id of {@code counter} at {@code at}; returns where it ends. */
        private int append(char[] out, int at, long counter) {
            prefix.getChars(0, prefix.length(), out, at);
            at += prefix.length();
            int digits = hexDigits(counter);
            out[at++] = HEX[digits - 1];
            for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
                out[at++] = HEX[(int) (counter >>> shift) & 0xf];
            }
            return at;
        }
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();
}
