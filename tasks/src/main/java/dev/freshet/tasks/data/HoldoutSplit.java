package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A seeded holdout split by hashing each row's content, as TFX's ExampleGen splits into hash buckets: a row is in
 * the holdout when the hash of the seed and its values falls below {@code fraction}. The same row lands on the
 * same side in every run, so a champion trained on yesterday's batches is never scored on a row it was trained
 * on, even though today's data overlaps with yesterday's; duplicate rows land together.
 */
public record HoldoutSplit(double fraction, long seed) {

    private static final CSVFormat FORMAT =
            CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).get();

    public HoldoutSplit {
        if (!(fraction > 0 && fraction < 1)) {
            throw new InvalidInputException("split fraction must be between 0 and 1 (exclusive), was " + fraction);
        }
    }

    /** The row counts of the two parts. */
    public record Counts(int train, int holdout) {}

    public boolean isHoldout(Iterable<String> values) {
        long hash = start();
        for (String value : values) {
            for (byte b : value.strip().getBytes(StandardCharsets.UTF_8)) {
                hash = (hash ^ (b & 0xff)) * PRIME;
            }
            hash = (hash ^ 0x1f) * PRIME;
        }
        return below(hash);
    }

    /**
     * {@link #isHoldout(Iterable)} of one CSV line without quotes or non-ASCII bytes, read from
     * {@code bytes[from, to)} (without its line break): the same fields, stripped of spaces and tabs, the same hash.
     */
    public boolean isHoldoutLine(byte[] bytes, int from, int to) {
        long hash = start();
        int fieldStart = from;
        for (int i = from; i <= to; i++) {
            if (i == to || bytes[i] == ',') {
                int s = fieldStart;
                int e = i;
                while (s < e && (bytes[s] == ' ' || bytes[s] == '\t')) {
                    s++;
                }
                while (e > s && (bytes[e - 1] == ' ' || bytes[e - 1] == '\t')) {
                    e--;
                }
                for (int k = s; k < e; k++) {
                    hash = (hash ^ (bytes[k] & 0xff)) * PRIME;
                }
                hash = (hash ^ 0x1f) * PRIME;
                fieldStart = i + 1;
            }
        }
        return below(hash);
    }

    /**
     * For rows that come without text (Parquet batches): the same rule over each value's IEEE 754 bits, a missing
     * value (NaN) as one marker. Deterministic, so such a row too is on the same side in every run.
     */
    public boolean isHoldoutValues(double[] values, int[] columns) {
        long hash = start();
        for (int column : columns) {
            long bits = Double.isNaN(values[column]) ? 0x7ff8000000000000L : Double.doubleToLongBits(values[column]);
            for (int k = 0; k < 8; k++) {
                hash = (hash ^ ((bits >>> (8 * k)) & 0xff)) * PRIME;
            }
            hash = (hash ^ 0x1f) * PRIME;
        }
        return below(hash);
    }

    /**
     * {@link #isHoldoutValues} of rows {@code 0..rows)} of column-major {@code values[column][row]}, every column, into
     * {@code into}: the same hashes computed down the columns, so that the rows' chains of multiplications run side
     * by side instead of one after another. {@code hashes} is scratch of at least {@code rows}.
     */
    public void holdoutColumns(double[][] values, int rows, long[] hashes, boolean[] into) {
        Arrays.fill(hashes, 0, rows, start());
        for (double[] column : values) {
            for (int i = 0; i < rows; i++) {
                double value = column[i];
                long bits = Double.isNaN(value) ? 0x7ff8000000000000L : Double.doubleToLongBits(value);
                long hash = hashes[i];
                for (int k = 0; k < 8; k++) {
                    hash = (hash ^ ((bits >>> (8 * k)) & 0xff)) * PRIME;
                }
                hashes[i] = (hash ^ 0x1f) * PRIME;
            }
        }
        for (int i = 0; i < rows; i++) {
            into[i] = below(hashes[i]);
        }
    }

    /**
     * {@link #holdoutColumns} of values that are all finite, or false when one is not (and then {@code into} means
     * nothing): the check for an infinity or a NaN made on the bits the hash reads anyway. The bits of a finite value
     * are those {@link #isHoldoutValues} hashes, and the hash runs two bytes a loop, a loop short enough for the JIT
     * to run on vector registers (eight bytes a loop, it ran a row at a time: with the check, about 1.5 times as long).
     * {@code hashes} and {@code bits} are scratch of at least {@code rows}.
     */
    public boolean holdoutFiniteColumns(double[][] values, int rows, long[] hashes, long[] bits, boolean[] into) {
        Arrays.fill(hashes, 0, rows, start());
        long notFinite = 0;
        for (double[] column : values) {
            for (int i = 0; i < rows; i++) {
                long raw = Double.doubleToRawLongBits(column[i]);
                bits[i] = raw;
                // the sign bit is set when the exponent is all ones: an infinity or a NaN
                notFinite |= ((raw & EXPONENT) ^ EXPONENT) - 1;
            }
            for (int shift = 0; shift < 64; shift += 16) {
                hashTwoBytes(hashes, bits, rows, shift);
            }
            for (int i = 0; i < rows; i++) {
                hashes[i] = (hashes[i] ^ 0x1f) * PRIME;
            }
        }
        if (notFinite < 0) {
            return false;
        }
        for (int i = 0; i < rows; i++) {
            into[i] = below(hashes[i]);
        }
        return true;
    }

    /** Two steps of the byte-wise hash, of bytes {@code shift / 8} and the next one of every row's bits. */
    private static void hashTwoBytes(long[] hashes, long[] bits, int rows, int shift) {
        int next = shift + 8;
        for (int i = 0; i < rows; i++) {
            long value = bits[i];
            long hash = (hashes[i] ^ ((value >>> shift) & 0xff)) * PRIME;
            hashes[i] = (hash ^ ((value >>> next) & 0xff)) * PRIME;
        }
    }

    private static final long EXPONENT = 0x7ff0000000000000L;

    static final long PRIME = 0x100000001b3L;

    private long start() {
        return 0xcbf29ce484222325L ^ seed;
    }

    /** The hash a row starts from, for a byte pass that computes {@link #isHoldoutLine}'s hash inline. */
    long hashStart() {
        return start();
    }

    /** The side of a row whose hash, computed as {@link #isHoldoutLine} does, is {@code hash}. */
    boolean isHoldoutHash(long hash) {
        return below(hash);
    }

    private boolean below(long hash) {
        // splitmix64's finaliser spreads FNV's low-entropy high bits before the hash becomes a fraction.
        hash ^= hash >>> 30;
        hash *= 0xbf58476d1ce4e5b9L;
        hash ^= hash >>> 27;
        hash *= 0x94d049bb133111ebL;
        hash ^= hash >>> 31;
        return (hash >>> 11) * 0x1.0p-53 < fraction;
    }

    /** Writes the rows of {@code dataset} to {@code train} and {@code holdout}, each with the header. */
    public Counts write(Path dataset, Path train, Path holdout) {
        int trainRows = 0;
        int holdoutRows = 0;
        try (Reader reader = Files.newBufferedReader(dataset, StandardCharsets.UTF_8);
                CSVParser parser = FORMAT.parse(reader);
                Writer trainWriter = Files.newBufferedWriter(train, StandardCharsets.UTF_8);
                Writer holdoutWriter = Files.newBufferedWriter(holdout, StandardCharsets.UTF_8);
                CSVPrinter trainOut = new CSVPrinter(trainWriter, CSVFormat.DEFAULT);
                CSVPrinter holdoutOut = new CSVPrinter(holdoutWriter, CSVFormat.DEFAULT)) {
            boolean header = true;
            for (CSVRecord record : parser) {
                if (header) {
                    List<String> names = record.toList();
                    if (!names.isEmpty()) {
                        names.set(0, names.get(0).replace("\uFEFF", ""));
                    }
                    trainOut.printRecord(names);
                    holdoutOut.printRecord(names);
                    header = false;
                } else if (isHoldout(record)) {
                    holdoutOut.printRecord(record);
                    holdoutRows++;
                } else {
                    trainOut.printRecord(record);
                    trainRows++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidInputException(dataset + ": cannot split: " + e.getMessage(), e);
        }
        if (trainRows == 0 || holdoutRows == 0) {
            throw new InvalidInputException(dataset + ": a split of " + fraction + " (seed " + seed + ") leaves "
                    + trainRows + " training and " + holdoutRows + " holdout rows; both need at least one");
        }
        return new Counts(trainRows, holdoutRows);
    }
}
