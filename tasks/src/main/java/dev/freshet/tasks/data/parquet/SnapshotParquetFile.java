package dev.freshet.tasks.data.parquet;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.CompressionCodec;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A flat Parquet file of numbers read by the project's own reader: the snapshots {@link SnapshotParquetWriter}
 * writes, and the common files of other writers whose columns are all DOUBLE or INT64 ({@link FlatLayout}). Rows are
 * read in order through a {@link RowGroupCursor}, a few at a time, so memory does not grow with a row group's size.
 * Reads are positional, so several threads may read at once, each through its own cursor.
 */
public final class SnapshotParquetFile implements AutoCloseable {

    /** The largest footer read: Thrift's own limit for a message (100 MiB), checked before the footer is read. */
    static final long MAX_FOOTER_BYTES = 100L << 20;

    private final Path file;
    private final FileChannel channel;
    private final List<ColumnPlan> plan;
    private final boolean[] optional;
    private final boolean own;
    private final List<String> columns;
    private final long[] firstRows;
    private final int[] rows;
    /** Per row group and column: the chunk's first page, its length in the file, and its codec. */
    private final long[][] offsets;

    private final long[][] lengths;
    private final CompressionCodec[][] codecs;

    private SnapshotParquetFile(Path file, FileChannel channel, SnapshotFooter footer) {
        this.file = file;
        this.channel = channel;
        this.plan = footer.plan();
        this.optional = footer.optional();
        this.own = footer.own();
        this.columns = plan.stream().map(ColumnPlan::name).toList();
        this.rows = footer.rows();
        this.firstRows = new long[rows.length + 1];
        for (int g = 0; g < rows.length; g++) {
            firstRows[g + 1] = firstRows[g] + rows[g];
        }
        this.offsets = footer.offsets();
        this.lengths = footer.lengths();
        this.codecs = footer.codecs();
    }

    /**
     * Opens {@code file} when {@link SnapshotParquetWriter} wrote it or it is a flat file of DOUBLE and INT64 columns
     * this reader takes ({@link FlatLayout}); empty for any other Parquet file (read it another way). Throws {@link InvalidInputException} naming the file when it is not readable
     * Parquet at all (too short, no magic, a footer that does not parse) or its footer points outside the file.
     */
    public static Optional<SnapshotParquetFile> open(Path file) {
        Optional<SnapshotFooters.Key> before = SnapshotFooters.key(file);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new FreshetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            Optional<SnapshotParquetFile> opened = open(file, channel, before);
            if (opened.isEmpty()) {
                channel.close();
            }
            return opened;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new FreshetException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /**
     * Opens the file {@code channel} reads; {@code before} is what told it apart just before the channel was opened.
     * A kept footer is taken, and a decoded one kept, only when the file is still that one after the channel was
     * opened (and, for one decoded, after it was decoded): a file replaced under its name meanwhile is decoded, never
     * paired with another file's footer.
     */
    private static Optional<SnapshotParquetFile> open(
            Path file, FileChannel channel, Optional<SnapshotFooters.Key> before) throws IOException {
        boolean unchanged = before.isPresent()
                && before.equals(SnapshotFooters.key(file))
                && channel.size() == before.get().size();
        Optional<SnapshotFooter> kept = unchanged ? SnapshotFooters.of(before.get()) : Optional.empty();
        if (kept.isPresent()) {
            return Optional.of(new SnapshotParquetFile(file, channel, kept.get()));
        }
        Footer read = readFooter(file, channel);
        FileMetaData footer = read.footer();
        long footerStart = read.start();
        Optional<List<ColumnPlan>> own = SnapshotLayout.plan(footer);
        FlatLayout.Plan plan;
        if (own.isPresent()) {
            plan = new FlatLayout.Plan(own.get(), new boolean[own.get().size()]);
        } else {
            Optional<FlatLayout.Plan> flat = FlatLayout.plan(footer);
            if (flat.isEmpty()) {
                return Optional.empty();
            }
            plan = flat.get();
        }
        checkChunks(file, footer, footerStart);
        SnapshotFooter taken =
                SnapshotFooter.of(plan.columns(), plan.optional(), own.isPresent(), footer.getRow_groups());
        if (unchanged && before.equals(SnapshotFooters.key(file))) {
            SnapshotFooters.keep(before.get(), taken);
        }
        return Optional.of(new SnapshotParquetFile(file, channel, taken));
    }

    /** A file's decoded footer and where it starts. */
    record Footer(FileMetaData footer, long start) {}

    /**
     * Reads and decodes the footer of the file {@code channel} reads; throws {@link InvalidInputException} naming the
     * file when it is not readable Parquet at all.
     */
    static Footer readFooter(Path file, FileChannel channel) throws IOException {
        long size = channel.size();
        int magic = SnapshotLayout.MAGIC.length;
        if (size < 2L * magic + 4) {
            throw notParquet(file, "it has " + size + " bytes, too few for Parquet");
        }
        byte[] head = new byte[magic];
        readFully(file, channel, head, head.length, 0);
        ByteBuffer tail = ByteBuffer.allocate(4 + magic).order(ByteOrder.LITTLE_ENDIAN);
        readFully(file, channel, tail.array(), tail.capacity(), size - tail.capacity());
        if (!Arrays.equals(head, SnapshotLayout.MAGIC)) {
            throw notParquet(file, "it does not start with PAR1");
        }
        if (!Arrays.equals(Arrays.copyOfRange(tail.array(), 4, 4 + magic), SnapshotLayout.MAGIC)) {
            throw notParquet(file, "it does not end with PAR1 (a truncated file?)");
        }
        long footerLength = Integer.toUnsignedLong(tail.getInt(0));
        long footerStart = size - tail.capacity() - footerLength;
        if (footerLength == 0 || footerStart < magic) {
            throw notParquet(file, "its footer length " + footerLength + " does not fit its " + size + " bytes");
        }
        if (footerLength > MAX_FOOTER_BYTES) {
            throw notParquet(
                    file,
                    "its footer of " + footerLength + " bytes is more than the " + MAX_FOOTER_BYTES
                            + " that Parquet's Thrift reader takes");
        }
        byte[] footerBytes = new byte[(int) footerLength];
        readFully(file, channel, footerBytes, footerBytes.length, footerStart);
        FileMetaData footer;
        try {
            footer = Util.readFileMetaData(new ByteArrayInputStream(footerBytes));
        } catch (IOException | RuntimeException e) {
            throw notParquet(file, "its footer does not parse: " + e.getMessage());
        }
        return new Footer(footer, footerStart);
    }

    /** A footer of this layout whose chunks lie outside the data, overlap, or count other rows is a broken file. */
    private static void checkChunks(Path file, FileMetaData footer, long footerStart) {
        long end = SnapshotLayout.MAGIC.length;
        long total = 0;
        for (int g = 0; g < footer.getRow_groupsSize(); g++) {
            RowGroup group = footer.getRow_groups().get(g);
            for (int j = 0; j < group.getColumnsSize(); j++) {
                ColumnMetaData meta = group.getColumns().get(j).getMeta_data();
                long offset = SnapshotFooter.chunkStart(meta);
                long length = meta.getTotal_compressed_size();
                if (offset < end || length <= 0 || offset + length > footerStart) {
                    throw new InvalidInputException(file + ": column "
                            + meta.getPath_in_schema().get(0) + ", row group " + g + ": its chunk at " + offset + " ("
                            + length + " bytes) is not within the file's data");
                }
                end = offset + length;
            }
            total += group.getNum_rows();
        }
        if (total != footer.getNum_rows()) {
            throw new InvalidInputException(
                    file + ": its row groups hold " + total + " rows, its footer says " + footer.getNum_rows());
        }
    }

    public Path file() {
        return file;
    }

    public List<ColumnPlan> plan() {
        return plan;
    }

    public List<String> columns() {
        return columns;
    }

    public long rowCount() {
        return firstRows[rows.length];
    }

    public int rowGroups() {
        return rows.length;
    }

    /** The position in the file of row group {@code group}'s first row. */
    public long firstRow(int group) {
        return firstRows[checkGroup(group)];
    }

    public int rows(int group) {
        return rows[checkGroup(group)];
    }

    /** Whether {@link SnapshotParquetWriter} wrote the file: then it holds finite numbers and no nulls. */
    public boolean own() {
        return own;
    }

    /** A cursor at the first row of row group {@code group}; close it when done. */
    public RowGroupCursor cursor(int group) {
        checkGroup(group);
        return new RowGroupCursor(this, plan, optional).moveTo(group);
    }

    /**
     * Decodes row group {@code group} into {@code into[j][0..rows(group))}, column {@code j} of {@link #columns()}:
     * a DOUBLE as it is, an INT64 as the nearest double, a decimal as {@code (double) unscaled / 10^scale} (correctly
     * rounded while |unscaled| < 2^53), a null as NaN. Thread-safe for distinct {@code into} buffers. A page that does
     * not decode throws {@link InvalidInputException} naming the file, the column and the row group. A thread
     * interrupted while it reads closes the file for every reader (the rule of {@link FileChannel}): the reads fail
     * from then on. Holds the whole row group: prefer a {@link #cursor} over large ones.
     */
    public void read(int group, double[][] into) {
        checkGroup(group);
        if (into.length < plan.size()) {
            throw new IllegalArgumentException("room for " + into.length + " columns, not " + plan.size());
        }
        int n = rows[group];
        for (int j = 0; j < plan.size(); j++) {
            if (into[j].length < n) {
                throw new IllegalArgumentException("room for " + into[j].length + " values of column "
                        + plan.get(j).name() + ", not " + n);
            }
        }
        try (RowGroupCursor cursor = cursor(group)) {
            cursor.read(into, null, n);
        }
    }

    void startChunks(int group, ColumnChunkCursor[] cursors) {
        checkGroup(group);
        for (int j = 0; j < cursors.length; j++) {
            cursors[j].start(codecs[group][j], offsets[group][j], lengths[group][j], rows[group]);
        }
    }

    PageSource source() {
        return (into, length, position) -> readFully(file, channel, into, length, position);
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    private int checkGroup(int group) {
        if (group < 0 || group >= rows.length) {
            throw new IndexOutOfBoundsException("row group " + group + " of " + rows.length);
        }
        return group;
    }

    private static void readFully(Path file, FileChannel channel, byte[] into, int length, long position)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, length);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new InvalidInputException(
                        file + ": the file ends before byte " + (position + length) + " (truncated?)");
            }
        }
    }

    private static InvalidInputException notParquet(Path file, String why) {
        return new InvalidInputException(file + ": not a readable Parquet file: " + why);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing was written
        }
    }
}
