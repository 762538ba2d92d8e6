package dev.freshet.tasks.data.parquet;

import com.github.luben.zstd.Zstd;
import dev.freshet.engine.error.FreshetException;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.FileMetaData;
import org.apache.parquet.format.RowGroup;
import org.apache.parquet.format.Util;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a snapshot in the layout of {@link SnapshotLayout}: row groups of column-major numbers, each column one
 * zstd-compressed PLAIN page. {@link #encode} is pure and may run on many threads at once; {@link #append} and
 * {@link #finish} run on one. The file is written under a temporary name beside the target and moved into place by
 * {@link #finish}; {@link #close} without {@link #finish} (an exception in a try-with-resources block) deletes it, so
 * the target's name never holds a half-written file.
 */
public final class SnapshotParquetWriter implements AutoCloseable {

    private enum State {
        OPEN,
        FINISHED,
        ABORTED
    }

    private final Path target;
    private final Path temporary;
    private final List<ColumnPlan> plan;
    private final int zstdLevel;
    private final ChunkBuffers chunkBuffers = new ChunkBuffers();
    private final FileChannel channel;
    private final MessageDigest digest;
    private final List<RowGroup> rowGroups = new ArrayList<>();
    private long position;
    private long rowCount;
    private State state = State.OPEN;
    private String sha256;

    private SnapshotParquetWriter(
            Path target, Path temporary, List<ColumnPlan> plan, int zstdLevel, FileChannel channel) {
        this.target = target;
        this.temporary = temporary;
        this.plan = plan;
        this.zstdLevel = zstdLevel;
        this.channel = channel;
        this.digest = sha256Digest();
    }

    /** Starts a snapshot file that {@link #finish} will move to {@code file}, its columns as {@code plan} says. */
    public static SnapshotParquetWriter create(Path file, List<ColumnPlan> plan, int zstdLevel) {
        if (plan.isEmpty()) {
            throw new IllegalArgumentException("a snapshot needs at least one column");
        }
        Set<String> names = new HashSet<>();
        for (ColumnPlan column : plan) {
            if (!names.add(column.name())) {
                throw new IllegalArgumentException("column " + column.name() + " is planned twice");
            }
        }
        if (zstdLevel < Zstd.minCompressionLevel() || zstdLevel > Zstd.maxCompressionLevel()) {
            throw new IllegalArgumentException("zstd level " + zstdLevel + " is not between "
                    + Zstd.minCompressionLevel() + " and " + Zstd.maxCompressionLevel());
        }
        Path target = file.toAbsolutePath();
        Path temporary = null;
        try {
            temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".tmp");
            FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
            SnapshotParquetWriter writer =
                    new SnapshotParquetWriter(target, temporary, List.copyOf(plan), zstdLevel, channel);
            writer.write(ByteBuffer.wrap(SnapshotLayout.MAGIC));
            return writer;
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new FreshetException("cannot write the snapshot " + target + ": " + e.getMessage(), e);
        }
    }

    public List<ColumnPlan> plan() {
        return plan;
    }

    /**
     * Encodes one row group of {@code rows} rows; pure and thread-safe. For a DOUBLE column {@code j},
     * {@code doubles[j][0..rows)} is read; for the others {@code unscaled[j][0..rows)} (whole numbers, or the
     * decimals' unscaled values, which must fit the column's precision). Columns of the other array may be null.
     */
    public EncodedRowGroup encode(int rows, double[][] doubles, long[][] unscaled) {
        if (rows <= 0 || rows > SnapshotLayout.MAX_GROUP_ROWS) {
            throw new IllegalArgumentException(
                    "a row group has 1 to " + SnapshotLayout.MAX_GROUP_ROWS + " rows, not " + rows);
        }
        ColumnPages.Chunk[] chunks = new ColumnPages.Chunk[plan.size()];
        for (int j = 0; j < chunks.length; j++) {
            ColumnPlan column = plan.get(j);
            boolean isDouble = column.kind() == ColumnPlan.Kind.DOUBLE;
            double[] d = isDouble ? doubles[j] : null;
            long[] u = isDouble ? null : unscaled[j];
            if (isDouble ? d == null : u == null) {
                throw new IllegalArgumentException("column " + column.name() + " (" + column.kind() + ") has no "
                        + (isDouble ? "doubles" : "unscaled values"));
            }
            int length = isDouble ? d.length : u.length;
            if (length < rows) {
                throw new IllegalArgumentException(
                        "column " + column.name() + " has " + length + " values, not " + rows);
            }
            if (isDouble) {
                requireFinite(column, d, rows);
            }
            chunks[j] = ColumnPages.encode(column, rows, d, u, zstdLevel, chunkBuffers);
        }
        return new EncodedRowGroup(plan, rows, chunks);
    }

    /** A snapshot holds finite numbers only: its readers count on it (see {@code SnapshotReader.alwaysFinite}). */
    private static void requireFinite(ColumnPlan column, double[] values, int rows) {
        for (int i = 0; i < rows; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        "column " + column.name() + ", row " + i + ": " + values[i] + " is not a finite number");
            }
        }
    }

    /** Appends a row group after those appended before; one thread at a time. */
    public void append(EncodedRowGroup group) {
        requireOpen();
        if (!group.plan().equals(plan)) {
            throw new IllegalArgumentException("the row group was encoded for other columns");
        }
        if (group.appended()) {
            throw new IllegalArgumentException("the row group was appended already: its buffers hold other rows now");
        }
        RowGroup rowGroup = new RowGroup(new ArrayList<>(plan.size()), 0, group.rows()).setFile_offset(position);
        long uncompressed = 0;
        long offset = position;
        ByteBuffer[] buffers = new ByteBuffer[plan.size()];
        for (int j = 0; j < plan.size(); j++) {
            ColumnPages.Chunk chunk = group.chunk(j);
            rowGroup.addToColumns(new ColumnChunk(offset)
                    .setMeta_data(SnapshotLayout.columnMetaData(
                            plan.get(j), group.rows(), offset, chunk.length(), chunk.totalUncompressed())));
            offset += chunk.length();
            uncompressed += chunk.totalUncompressed();
            buffers[j] = ByteBuffer.wrap(chunk.bytes(), 0, chunk.length());
        }
        long start = position;
        try {
            write(buffers);
        } catch (IOException e) {
            abort();
            throw new FreshetException("cannot write the snapshot " + target + ": " + e.getMessage(), e);
        }
        rowGroup.setTotal_byte_size(uncompressed).setTotal_compressed_size(position - start);
        rowGroups.add(rowGroup);
        rowCount += group.rows();
        group.markAppended();
        for (int j = 0; j < plan.size(); j++) {
            chunkBuffers.give(group.chunk(j).bytes());
        }
    }

    /** Writes the footer and moves the file into place under the target's name, replacing what was there. */
    public void finish() {
        requireOpen();
        Optional<SnapshotFooters.Key> written;
        FileMetaData footer = new FileMetaData(1, SnapshotLayout.schema(plan), rowCount, rowGroups)
                .setCreated_by(SnapshotLayout.CREATED_BY);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Util.writeFileMetaData(footer, bytes);
            ByteBuffer tail = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            tail.putInt(bytes.size()).put(SnapshotLayout.MAGIC).flip();
            write(ByteBuffer.wrap(bytes.toByteArray()), tail);
            channel.close();
            written = SnapshotFooters.key(temporary);
            move();
        } catch (IOException e) {
            abort();
            throw new FreshetException("cannot write the snapshot " + target + ": " + e.getMessage(), e);
        }
        sha256 = HexFormat.of().formatHex(digest.digest());
        state = State.FINISHED;
        // kept only for the file this writer moved into place, not one that replaced it since
        Optional<SnapshotFooters.Key> moved = SnapshotFooters.key(target);
        if (written.isPresent() && moved.isPresent() && moved.get().sameFileAs(written.get())) {
            SnapshotFooters.keep(moved.get(), SnapshotFooter.of(plan, new boolean[plan.size()], true, rowGroups));
        }
    }

    /** Deletes the temporary file; nothing is left under the target's name. Does nothing once finished. */
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        try {
            channel.close();
        } catch (IOException e) {
            // the file is deleted next
        }
        deleteQuietly(temporary);
    }

    /** Aborts unless {@link #finish} moved the file into place. */
    @Override
    public void close() {
        abort();
    }

    /** The sha256 of the file's bytes, as lower-case hex, computed as they were written; known once finished. */
    public String sha256() {
        if (state != State.FINISHED) {
            throw new IllegalStateException("the snapshot " + target + " is not finished");
        }
        return sha256;
    }

    /** The rows appended so far. */
    public long rowCount() {
        return rowCount;
    }

    public int rowGroups() {
        return rowGroups.size();
    }

    private void move() throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private void write(ByteBuffer... buffers) throws IOException {
        for (ByteBuffer buffer : buffers) {
            digest.update(buffer.duplicate());
        }
        long remaining = 0;
        for (ByteBuffer buffer : buffers) {
            remaining += buffer.remaining();
        }
        long total = remaining;
        while (remaining > 0) {
            remaining -= channel.write(buffers);
        }
        position += total;
    }

    private void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException(
                    "the snapshot " + target + " is " + state.name().toLowerCase(Locale.ROOT));
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file left behind is harmless: it never has the target's name
        }
    }
}
