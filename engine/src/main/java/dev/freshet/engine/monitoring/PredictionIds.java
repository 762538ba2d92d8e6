package dev.freshet.engine.monitoring;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prediction ids: a random prefix drawn once per process and a counter, e.g. {@code 3f9a61c2d04e7b15-2a}. Taking
 * ids for a request is one atomic add, whatever its number of rows; the prefix's 64 random bits keep two processes
 * (or two starts of one) apart.
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
            return prefix + Long.toHexString(first + row);
        }

        /** The ids comma-separated, in row order: the {@code Freshet-Prediction-Ids} header. */
        public String joined() {
            StringBuilder out = new StringBuilder(size * (prefix.length() + 6));
            for (int i = 0; i < size; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(prefix).append(Long.toHexString(first + i));
            }
            return out.toString();
        }
    }
}
