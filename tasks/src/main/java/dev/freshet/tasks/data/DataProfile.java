package dev.freshet.tasks.data;

import dev.freshet.engine.drift.DriftStatistics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Validation statistics of a data set gathered in one streaming pass, a chunk of rows at a time, in memory that
 * grows with columns, not rows. Exact duplicate detection ({@link RowRepeats}) keeps a 64-bit hash and a row index
 * per distinct row in a table of at most 24 MB (about 1,570,000 distinct rows); beyond that it spills 12 bytes a row
 * to temporary files and replays them a sixty-fourth at a time, in about 25 MB whatever the row count. A builder
 * holds those files until it is built or closed.
 * Per column: values that break the schema's whole-number type or its range (exact counts, the first few rows),
 * whether the values are whole numbers with few distinct values (for the inferred schema) and an evenly thinned
 * sample of the present values for drift; per data set: complete rows and repeated rows.
 */
public final class DataProfile {

    /** A row that broke a rule: where it is and the value. */
    public record Example(int line, int row, double value) {}

    /** A repeated row and the earlier row it repeats. */
    public record Duplicate(int line, int row, int earlierLine, int earlierRow) {}

    private final List<String> columns;
    private final int[] notWhole;
    private final List<List<Example>> notWholeExamples;
    private final int[] outside;
    private final List<List<Example>> outsideExamples;
    private final ColumnType[] inferred;
    private final double[][] samples;
    private final int completeRows;
    private final int duplicates;
    private final List<Duplicate> duplicateExamples;

    private DataProfile(Builder b) {
        this.columns = b.columns;
        this.notWhole = b.notWhole;
        this.notWholeExamples = b.notWholeExamples;
        this.outside = b.outside;
        this.outsideExamples = b.outsideExamples;
        this.inferred = new ColumnType[b.columns.size()];
        this.samples = new double[b.columns.size()][];
        for (int j = 0; j < inferred.length; j++) {
            inferred[j] = b.present[j] > 0 && b.whole[j] && b.distinctCount[j] <= Schema.MAX_DISTINCT_FOR_INTEGER
                    ? ColumnType.INTEGER
                    : ColumnType.NUMBER;
            samples[j] = Arrays.copyOf(b.samples[j], b.sampled[j]);
        }
        this.completeRows = b.completeRows;
        this.duplicates = b.duplicates;
        this.duplicateExamples = b.duplicateExamples;
    }

    public List<String> columns() {
        return columns;
    }

    private int index(String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column '" + column + "'");
        }
        return index;
    }

    public int notWhole(String column) {
        return notWhole[index(column)];
    }

    public List<Example> notWholeExamples(String column) {
        return notWholeExamples.get(index(column));
    }

    public int outside(String column) {
        return outside[index(column)];
    }

    public List<Example> outsideExamples(String column) {
        return outsideExamples.get(index(column));
    }

    public ColumnType inferredType(String column) {
        return inferred[index(column)];
    }

    /** The present values thinned to the sample size at evenly spaced positions, as {@link DriftStatistics} would. */
    public double[] driftSample(String column) {
        return samples[index(column)];
    }

    public int completeRows() {
        return completeRows;
    }

    public int duplicates() {
        return duplicates;
    }

    public List<Duplicate> duplicateExamples() {
        return duplicateExamples;
    }

    /** Names a row by its handle (a row index of the reader's): its line and data-row index. */
    public interface RowNamer {
        int line(int handle);

        int row(int handle);
    }

    /** Takes rows a chunk at a time. */
    public static final class Builder implements AutoCloseable {
        private final List<String> columns;
        private final int width;
        private final ColumnSchema[] specs;
        private final int examples;
        private final long[] presentTotal;
        private final int sampleSize;
        final int[] notWhole;
        final List<List<Example>> notWholeExamples = new ArrayList<>();
        final int[] outside;
        final List<List<Example>> outsideExamples = new ArrayList<>();
        final boolean[] whole;
        final double[][] distinct;
        final int[] distinctCount;
        final long[] present;
        final double[][] samples;
        final int[] sampled;
        int completeRows;
        int duplicates;
        final List<Duplicate> duplicateExamples = new ArrayList<>();
        private final RowRepeats repeats;
        private RowNamer namer;
        private long[] rowHashes = new long[0];
        private final long[] nextSample;
        private boolean valueAtATime;
        private boolean everyValueFinite;

        /**
         * @param presentTotal per column, how many present values the whole data set has (to thin evenly)
         */
        public Builder(List<String> columns, Schema schema, int sampleSize, long[] presentTotal, int examples) {
            this(columns, schema, sampleSize, presentTotal, examples, RowRepeats.DEFAULT_MAX_SLOTS, null);
        }

        /**
         * @param maxSlots    the largest duplicates table before rows spill to disk
         * @param spillParent where the spilled rows' temporary folder goes, or null for the system's
         */
        Builder(
                List<String> columns,
                Schema schema,
                int sampleSize,
                long[] presentTotal,
                int examples,
                int maxSlots,
                Path spillParent) {
            this.columns = List.copyOf(columns);
            this.width = columns.size();
            this.specs = new ColumnSchema[width];
            this.examples = examples;
            this.presentTotal = presentTotal;
            this.sampleSize = sampleSize;
            this.notWhole = new int[width];
            this.outside = new int[width];
            this.whole = new boolean[width];
            this.distinct = new double[width][Schema.MAX_DISTINCT_FOR_INTEGER + 1];
            this.distinctCount = new int[width];
            this.present = new long[width];
            this.samples = new double[width][];
            this.sampled = new int[width];
            this.nextSample = new long[width];
            // sized for the rows at once (up to its limit): growing by doubling holds the old table and the new one
            this.repeats = new RowRepeats(Arrays.stream(presentTotal).max().orElse(0), examples, maxSlots, spillParent);
            for (int j = 0; j < width; j++) {
                specs[j] = schema.column(columns.get(j)).orElse(ColumnSchema.number(columns.get(j)));
                notWholeExamples.add(new ArrayList<>());
                outsideExamples.add(new ArrayList<>());
                whole[j] = true;
                samples[j] = new double[(int) Math.min(sampleSize, presentTotal[j])];
            }
        }

        /**
         * Adds {@code count} rows: column-major {@code values[column][i]} (NaN where no finite value), row i with
         * handle {@code handles[i]}. Handles ascend in the order rows are added (repeats are reported in that order,
         * each with its earliest row); the namer names them when the profile is built.
         */
        public void add(double[][] values, int count, int[] handles, RowNamer namer) {
            this.namer = namer;
            for (int j = 0; j < width; j++) {
                column(j, values[j], count, handles, namer);
            }
            // Each row's hash, a column at a time: the same fold over the row's values in column order, but the rows'
            // chains are independent, so the loop runs down each column's array instead of across all of them.
            if (rowHashes.length < count) {
                rowHashes = new long[count];
            }
            long[] hashes = rowHashes;
            Arrays.fill(hashes, 0, count, 0x9e3779b97f4a7c15L);
            for (int j = 0; j < width; j++) {
                double[] column = values[j];
                if (everyValueFinite) {
                    // the same bits: only a NaN has more than one, and the raw bits cost no branch
                    for (int i = 0; i < count; i++) {
                        long hash = (hashes[i] ^ Double.doubleToRawLongBits(column[i])) * 0xff51afd7ed558ccdL;
                        hashes[i] = hash ^ (hash >>> 32);
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        long hash = (hashes[i] ^ Double.doubleToLongBits(column[i])) * 0xff51afd7ed558ccdL;
                        hashes[i] = hash ^ (hash >>> 32);
                    }
                }
            }
            repeats.add(hashes, handles, count);
            completeRows += count;
        }

        /**
         * For data that cannot hold a missing value (a snapshot in the project's own layout, see
         * {@link SnapshotReader#alwaysFinite()}): no chunk is searched for NaN, which was a tenth of validation's time.
         * A NaN added after this would be counted as present.
         */
        public Builder everyValueFinite() {
            everyValueFinite = true;
            return this;
        }

        /** Every chunk a value at a time, as a reference for the chunk-wide loops (tests). */
        Builder valueAtATime() {
            valueAtATime = true;
            return this;
        }

        private void column(int j, double[] values, int count, int[] handles, RowNamer namer) {
            if (valueAtATime || !quickColumn(j, values, count)) {
                slowColumn(j, values, count, handles, namer);
            }
        }

        /**
         * The usual chunk of a column, without a missing value or a value that breaks its schema, in loops over the
         * whole chunk instead of a value at a time; false, having changed nothing, for any other chunk. Same result
         * as {@link #slowColumn}.
         */
        private boolean quickColumn(int j, double[] values, int count) {
            // Each question in a loop of its own, asked only when its answer matters: a column's values are almost
            // never missing, and once a value is not whole only a schema's integer type still asks.
            if (!everyValueFinite) {
                for (int i = 0; i < count; i++) {
                    double value = values[i];
                    if (value != value) {
                        return false;
                    }
                }
            }
            ColumnSchema spec = specs[j];
            boolean integerSpec = spec.type() == ColumnType.INTEGER;
            boolean notWholeSeen = (whole[j] || integerSpec) && !allWhole(values, count);
            if (notWholeSeen && integerSpec) {
                return false;
            }
            if (count > 0 && spec.hasRange()) {
                double lowest = values[0];
                double highest = values[0];
                for (int i = 1; i < count; i++) {
                    double value = values[i];
                    lowest = value < lowest ? value : lowest;
                    highest = value > highest ? value : highest;
                }
                if (!(spec.inRange(lowest) && spec.inRange(highest))) {
                    return false;
                }
            }
            if (whole[j]) {
                if (notWholeSeen) {
                    whole[j] = false; // the distinct values no longer count once a value is not whole
                } else {
                    for (int i = 0; i < count && distinctCount[j] <= Schema.MAX_DISTINCT_FOR_INTEGER; i++) {
                        noteDistinct(j, values[i]);
                    }
                }
            }
            long first = present[j];
            long end = first + count;
            long total = presentTotal[j];
            while (sampled[j] < samples[j].length && nextSample[j] >= first && nextSample[j] < end) {
                long position = nextSample[j];
                samples[j][sampled[j]++] = values[(int) (position - first)];
                nextSample[j] = total <= sampleSize ? position + 1 : (long) sampled[j] * total / sampleSize;
            }
            present[j] = end;
            return true;
        }

        /**
         * Whether every value is whole, as {@code value == Math.rint(value)} says (which the JIT does not compile to one
         * instruction): a double of magnitude 2<sup>52</sup> or more is whole, and a smaller one is whole when it
         * survives the round trip through a long.
         */
        private static boolean allWhole(double[] values, int count) {
            for (int i = 0; i < count; i++) {
                double value = values[i];
                if (Math.abs(value) < 0x1p52 && (double) (long) value != value) {
                    return false;
                }
            }
            return true;
        }

        private void noteDistinct(int j, double value) {
            for (int k = 0; k < distinctCount[j]; k++) {
                if (distinct[j][k] == value) {
                    return;
                }
            }
            distinct[j][distinctCount[j]++] = value;
        }

        private void slowColumn(int j, double[] values, int count, int[] handles, RowNamer namer) {
            ColumnSchema spec = specs[j];
            boolean integerSpec = spec.type() == ColumnType.INTEGER;
            boolean range = spec.hasRange();
            long total = presentTotal[j];
            for (int i = 0; i < count; i++) {
                double value = values[i];
                if (Double.isNaN(value)) {
                    continue;
                }
                if (integerSpec && !spec.type().accepts(value)) {
                    if (notWhole[j]++ < examples) {
                        notWholeExamples.get(j).add(new Example(namer.line(handles[i]), namer.row(handles[i]), value));
                    }
                }
                if (range && !spec.inRange(value)) {
                    if (outside[j]++ < examples) {
                        outsideExamples.get(j).add(new Example(namer.line(handles[i]), namer.row(handles[i]), value));
                    }
                }
                if (whole[j]) {
                    if (value != Math.rint(value)) {
                        whole[j] = false;
                    } else if (distinctCount[j] <= Schema.MAX_DISTINCT_FOR_INTEGER) {
                        noteDistinct(j, value);
                    }
                }
                // the sample takes the values at positions k * total / sampleSize (all of them up to sampleSize)
                if (present[j]++ == nextSample[j] && sampled[j] < samples[j].length) {
                    samples[j][sampled[j]++] = value;
                    nextSample[j] = total <= sampleSize ? present[j] : (long) sampled[j] * total / sampleSize;
                }
            }
        }

        /** The profile; deletes any temporary files of duplicate detection. */
        public DataProfile build() {
            try (repeats) {
                RowRepeats.Result result = repeats.finish();
                duplicates = result.count();
                for (RowRepeats.Repeat repeat : result.examples()) {
                    duplicateExamples.add(new Duplicate(
                            namer.line(repeat.handle()),
                            namer.row(repeat.handle()),
                            namer.line(repeat.earlier()),
                            namer.row(repeat.earlier())));
                }
            }
            return new DataProfile(this);
        }

        /** The bytes duplicate detection holds now (its table and, while spilling, its write buffers). */
        long residentBytes() {
            return repeats.residentBytes();
        }

        /** Deletes any temporary files of duplicate detection, built or not. */
        @Override
        public void close() {
            repeats.close();
        }
    }
}
