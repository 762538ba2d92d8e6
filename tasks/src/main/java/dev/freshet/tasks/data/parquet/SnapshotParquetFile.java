package dev.freshet.tasks.data.parquet;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import org.apache.parquet.format.ColumnMetaData;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot file that {@link SnapshotParquetWriter} wrote, read a row group at a time into column-major doubles.
 * Reads are positional, so several threads may read row groups at once, each into its own buffers.
 */
public final class SnapshotParquetFile implements AutoCloseable {

    private final Path file;
    private final FileChannel channel;
    private final List<ColumnPlan> plan;
    private final List<String> columns;
    private final long[] firstRows;
    private final int[] rows;
    /** Per row group and column: the chunk's offset and length in the file. */
    private final long[][] offsets;

    private final int[][] lengths;

    private SnapshotParquetFile(Path file, FileChannel channel, List<ColumnPlan> plan, List<RowGroup> groups) {
        this.file = file;
        this.channel = channel;
        this.plan = plan;
        this.columns = plan.stream().map(ColumnPlan::name).toList();
        this.firstRows = new long[groups.size() + 1];
        this.rows = new int[groups.size()];
        this.offsets = new long[groups.size()][plan.size()];
        this.lengths = new int[groups.size()][plan.size()];
        for (int g = 0; g < groups.size(); g++) {
            RowGroup group = groups.get(g);
            rows[g] = (int) group.getNum_rows();
            firstRows[g + 1] = firstRows[g] + rows[g];
            for (int j = 0; j < plan.size(); j++) {
                ColumnMetaData meta = group.getColumns().get(j).getMeta_data();
                offsets[g][j] = meta.getData_page_offset();
                lengths[g][j] = (int) meta.getTotal_compressed_size();
            }
        }
    }

    /**
     * Opens {@code file} when {@link SnapshotParquetWriter} wrote it; empty when it is Parquet of another writer or
     * layout (read it another way). Throws {@link InvalidInputException} naming the file when it is not readable
     * Parquet at all (too short, no magic, a footer that does not parse) or its footer points outside the file.
     */
    public static Optional<SnapshotParquetFile> open(Path file) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": no such file", e);
        } catch (IOException e) {
            throw new FreshetException("cannot read " + file + ": " + e.getMessage(), e);
        }
        try {
            Optional<SnapshotParquetFile> opened = open(file, channel);
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

    private static Optional<SnapshotParquetFile> open(Path file, FileChannel channel) throws IOException {
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
        byte[] footerBytes = new byte[(int) footerLength];
        readFully(file, channel, footerBytes, footerBytes.length, footerStart);
        FileMetaData footer;
        try {
            footer = Util.readFileMetaData(new ByteArrayInputStream(footerBytes));
        } catch (IOException | RuntimeException e) {
            throw notParquet(file, "its footer does not parse: " + e.getMessage());
        }
        Optional<List<ColumnPlan>> plan = SnapshotLayout.plan(footer);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        checkChunks(file, footer, footerStart);
        return Optional.of(new SnapshotParquetFile(file, channel, plan.get(), footer.getRow_groups()));
    }

    /** A footer of this layout whose chunks lie outside the data, overlap, or count other rows is a broken file. */
    private static void checkChunks(Path file, FileMetaData footer, long footerStart) {
        long end = SnapshotLayout.MAGIC.length;
        long total = 0;
        for (RowGroup group : footer.getRow_groups()) {
            for (int j = 0; j < group.getColumnsSize(); j++) {
                ColumnMetaData meta = group.getColumns().get(j).getMeta_data();
                long offset = meta.getData_page_offset();
                long length = meta.getTotal_compressed_size();
                if (offset < end || length <= 0 || length > Integer.MAX_VALUE || offset + length > footerStart) {
                    throw new InvalidInputException(
                            file + ": column " + meta.getPath_in_schema().get(0) + ": its chunk at " + offset + " ("
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

    /**
     * Decodes row group {@code group} into {@code into[j][0..rows(group))}, column {@code j} of {@link #columns()}:
     * a DOUBLE as it is, an INT64 as the nearest double, a decimal as {@code (double) unscaled / 10^scale} (correctly
     * rounded while |unscaled| < 2^53). Thread-safe for distinct {@code into} buffers. A page that does not decode
     * throws {@link InvalidInputException} naming the file and the column. A thread interrupted while it reads
     * closes the file for every reader (the rule of {@link FileChannel}): the reads fail from then on.
     */
    public void read(int group, double[][] into) {
        checkGroup(group);
        if (into.length < plan.size()) {
            throw new IllegalArgumentException("room for " + into.length + " columns, not " + plan.size());
        }
        int n = rows[group];
        for (int j = 0; j < plan.size(); j++) {
            ColumnPlan column = plan.get(j);
            if (into[j].length < n) {
                throw new IllegalArgumentException(
                        "room for " + into[j].length + " values of column " + column.name() + ", not " + n);
            }
            int length = lengths[group][j];
            byte[] source = ColumnPages.sourceBuffer(length);
            try {
                readFully(file, channel, source, length, offsets[group][j]);
                ColumnPages.decode(column, n, source, length, into[j]);
            } catch (ColumnPages.CorruptPage e) {
                throw new InvalidInputException(
                        file + ": column " + column.name() + ", row group " + group + ": " + e.getMessage(), e);
            } catch (ClosedByInterruptException e) {
                throw new FreshetException("reading " + file + " was interrupted", e);
            } catch (IOException e) {
                throw new FreshetException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
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
