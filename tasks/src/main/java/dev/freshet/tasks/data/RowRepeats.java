package dev.freshet.tasks.data;

import dev.freshet.engine.error.FreshetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/**
 * Exact repeated-row detection by 64-bit row hash, in memory bounded independently of the row count. Rows are
 * given as (hash, handle) in the order they were read, handles ascending; a row repeats when an earlier row had the
 * same hash (a hash of 0 counts as 1). The answer is the one a single hash table filled in row order gives: how
 * many rows repeat, and the first {@code examples} of them in row order, each with the earliest row it repeats.
 *
 * <p>While the distinct hashes fit a table of at most {@code maxSlots} slots (12 bytes each, at most three quarters
 * full; by default 2<sup>21</sup> slots, 24 MB, about 1,570,000 distinct rows), that table is the answer. Beyond it
 * the table and every later row are written, 12 bytes a row, to {@value #PARTITIONS} temporary files by the top bits
 * of the hash (a {@value #BUFFER_BYTES}-byte buffer each), and {@link #finish()} replays one file at a time, in the
 * order it was written, into the same table. A file whose distinct hashes still do not fit is split again by the
 * next bits. So memory stays at the table plus the buffers (about 25 MB by default) whatever the row count: a file
 * holds about 1/64 of the rows, 78,000 at 5,000,000 rows and 780,000 at 50,000,000, and the disk holds 12 bytes a
 * row (60 MB at 5,000,000). The files are deleted by {@link #finish()} and {@link #close()}.
 */
final class RowRepeats implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RowRepeats.class);

    static final int DEFAULT_MAX_SLOTS = 1 << 21;
    static final int PARTITION_BITS = 6;
    static final int PARTITIONS = 1 << PARTITION_BITS;
    static final int BUFFER_BYTES = 16 * 1024;
    private static final int RECORD_BYTES = Long.BYTES + Integer.BYTES;
    private static final int MIN_SLOTS = 64;

    /** A repeated row and the earliest row with its hash, by handle. */
    record Repeat(int handle, int earlier) {}

    /** How many rows repeat an earlier one, and the first of them in row order. */
    record Result(int count, List<Repeat> examples) {}

    private final int maxSlots;
    private final int examples;
    private final Path spillParent;
    private final HashTable table;
    private int count;
    private final List<Repeat> found = new ArrayList<>();
    private long lastHandle = Long.MIN_VALUE;
    private Path spillDir;
    private Partitions spill;
    private int files;

    /**
     * @param expectedRows how many rows are likely to come (sizes the table at once, up to {@code maxSlots})
     * @param maxSlots     the largest table, a power of two
     * @param spillParent  where the temporary folder goes, or null for the system's
     */
    RowRepeats(long expectedRows, int examples, int maxSlots, Path spillParent) {
        if (Integer.bitCount(maxSlots) != 1 || maxSlots < MIN_SLOTS) {
            throw new IllegalArgumentException("maxSlots must be a power of two of at least " + MIN_SLOTS);
        }
        this.maxSlots = maxSlots;
        this.examples = examples;
        this.spillParent = spillParent;
        this.table = new HashTable(slotsFor(expectedRows));
    }

    /** The slots of a table holding {@code rows} distinct hashes at most three quarters full, up to the limit. */
    private int slotsFor(long rows) {
        int slots = MIN_SLOTS;
        while (slots < maxSlots && slots * 3L < rows * 4) {
            slots <<= 1;
        }
        return slots;
    }

    /** Adds rows {@code hashes[i]}, {@code handles[i]} for i below {@code rows}, in row order. */
    void add(long[] hashes, int[] handles, int rows) {
        for (int i = 0; i < rows; i++) {
            if (handles[i] <= lastHandle) {
                throw new IllegalArgumentException(
                        "row handles must ascend in the order rows are added: " + handles[i] + " after " + lastHandle);
            }
            lastHandle = handles[i];
            long hash = hashes[i] == 0 ? 1 : hashes[i];
            if (spill == null && table.full()) {
                if (table.slots() < maxSlots) {
                    table.grow();
                } else {
                    startSpilling();
                }
            }
            if (spill != null) {
                spill.write(hash, handles[i]);
                continue;
            }
            int earlier = table.putIfAbsent(hash, handles[i]);
            if (earlier >= 0) {
                count++;
                if (found.size() < examples) {
                    found.add(new Repeat(handles[i], earlier));
                }
            }
        }
    }

    private void startSpilling() {
        try {
            spillDir = spillParent == null
                    ? Files.createTempDirectory("freshet-repeats")
                    : Files.createTempDirectory(spillParent, "freshet-repeats");
        } catch (IOException e) {
            throw new FreshetException("cannot make a temporary folder for duplicate detection: " + e.getMessage(), e);
        }
        spill = new Partitions(0);
        table.forEach(spill::write);
    }

    /** The answer; replays the spilled rows, one file at a time, then deletes them. */
    Result finish() {
        if (spill == null) {
            return new Result(count, List.copyOf(found));
        }
        List<Repeat> spilled = new ArrayList<>();
        Deque<Part> work = new ArrayDeque<>(spill.finish());
        spill = null;
        while (!work.isEmpty()) {
            Part part = work.pop();
            List<Part> split = replay(part, spilled);
            if (split != null) {
                split.forEach(work::push);
            }
        }
        close();
        spilled.sort(Comparator.comparingInt(Repeat::handle));
        List<Repeat> all = new ArrayList<>(found);
        all.addAll(spilled.subList(0, Math.min(spilled.size(), examples - found.size())));
        return new Result(count, List.copyOf(all));
    }

    /**
     * Replays one file into the table: counts its repeats and keeps its first ones in {@code spilled}; or, when its
     * distinct hashes outgrow the table, splits it by the next bits and returns the parts.
     */
    private List<Part> replay(Part part, List<Repeat> spilled) {
        long records = part.records();
        table.reset(slotsFor(records));
        int partCount = 0;
        List<Repeat> partFound = new ArrayList<>();
        boolean outgrown = false;
        try (FileChannel in = FileChannel.open(part.file(), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES / RECORD_BYTES * RECORD_BYTES);
            for (long done = 0; done < records && !outgrown; ) {
                fill(in, buffer, part.file());
                while (buffer.remaining() >= RECORD_BYTES) {
                    long hash = buffer.getLong();
                    int handle = buffer.getInt();
                    done++;
                    if (table.full()) {
                        outgrown = true;
                        break;
                    }
                    int earlier = table.putIfAbsent(hash, handle);
                    if (earlier >= 0) {
                        partCount++;
                        if (partFound.size() < examples) {
                            partFound.add(new Repeat(handle, earlier));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw spillError(part.file(), e);
        }
        if (outgrown) {
            return split(part);
        }
        delete(part.file());
        count += partCount;
        spilled.addAll(partFound);
        return null;
    }

    private static void fill(FileChannel in, ByteBuffer buffer, Path file) throws IOException {
        buffer.clear();
        while (buffer.position() < RECORD_BYTES) {
            if (in.read(buffer) < 0) {
                throw new IOException(file + ": ends inside a record");
            }
        }
        while (buffer.hasRemaining() && in.read(buffer) > 0) {
            // read as much as the buffer takes
        }
        buffer.flip();
    }

    private List<Part> split(Part part) {
        if (part.level() * PARTITION_BITS >= Long.SIZE) {
            throw new IllegalStateException("more distinct hashes than the table holds share every bit");
        }
        Partitions parts = new Partitions(part.level() + 1);
        try (FileChannel in = FileChannel.open(part.file(), StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES / RECORD_BYTES * RECORD_BYTES);
            for (long done = 0; done < part.records(); ) {
                fill(in, buffer, part.file());
                while (buffer.remaining() >= RECORD_BYTES) {
                    parts.write(buffer.getLong(), buffer.getInt());
                    done++;
                }
            }
        } catch (IOException | RuntimeException e) {
            parts.abandon();
            throw e instanceof IOException io ? spillError(part.file(), io) : (RuntimeException) e;
        }
        List<Part> split = parts.finish();
        delete(part.file());
        return split;
    }

    /** The bytes the detection holds now: the table and, while spilling, the files' buffers. */
    long residentBytes() {
        return table.bytes() + (spill == null ? 0 : (long) PARTITIONS * BUFFER_BYTES);
    }

    /** Whether rows went to temporary files. */
    boolean spilled() {
        return spillDir != null;
    }

    /** Deletes the temporary files; safe to call more than once. */
    @Override
    public void close() {
        if (spill != null) {
            spill.abandon();
            spill = null;
        }
        if (spillDir != null) {
            try (Stream<Path> left = Files.list(spillDir)) {
                left.forEach(RowRepeats::delete);
            } catch (IOException e) {
                // nothing listed: nothing to delete but the folder
            }
            delete(spillDir);
            spillDir = null;
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The answer is complete: a file left behind is worth a warning, not a failed validation.
            LOG.warn("cannot delete the temporary file {}: {}", file, e.toString());
        }
    }

    private static FreshetException spillError(Path file, IOException e) {
        return new FreshetException(
                file + ": cannot use this temporary file of duplicate detection: " + e.getMessage(), e);
    }

    /** A written file of (hash, handle) records split by the hash's bits at {@code level}. */
    private record Part(Path file, int level, long records) {}

    /** The {@value #PARTITIONS} files of one split, each written through its own buffer. */
    private final class Partitions {
        private final int level;
        private final int shift;
        private final Path[] paths = new Path[PARTITIONS];
        private final FileChannel[] channels = new FileChannel[PARTITIONS];
        private final ByteBuffer[] buffers = new ByteBuffer[PARTITIONS];
        private final long[] records = new long[PARTITIONS];

        Partitions(int level) {
            this.level = level;
            this.shift = Math.max(0, Long.SIZE - PARTITION_BITS * (level + 1));
            try {
                for (int p = 0; p < PARTITIONS; p++) {
                    paths[p] = spillDir.resolve("part-" + files++);
                    channels[p] = FileChannel.open(paths[p], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    buffers[p] = ByteBuffer.allocate(BUFFER_BYTES / RECORD_BYTES * RECORD_BYTES);
                }
            } catch (IOException e) {
                abandon();
                throw new FreshetException(
                        spillDir + ": cannot make the temporary files of duplicate detection: " + e.getMessage(), e);
            }
        }

        void write(long hash, int handle) {
            int p = (int) (hash >>> shift) & (PARTITIONS - 1);
            ByteBuffer buffer = buffers[p];
            if (buffer.remaining() < RECORD_BYTES) {
                flush(p);
            }
            buffer.putLong(hash).putInt(handle);
            records[p]++;
        }

        private void flush(int p) {
            ByteBuffer buffer = buffers[p];
            buffer.flip();
            try {
                while (buffer.hasRemaining()) {
                    channels[p].write(buffer);
                }
            } catch (IOException e) {
                throw spillError(paths[p], e);
            }
            buffer.clear();
        }

        /** Writes what is buffered, closes the files and names the ones with records (deleting the others). */
        List<Part> finish() {
            List<Part> parts = new ArrayList<>();
            int p = 0;
            try {
                for (; p < PARTITIONS; p++) {
                    flush(p);
                    channels[p].close();
                    if (records[p] == 0) {
                        delete(paths[p]);
                    } else {
                        parts.add(new Part(paths[p], level, records[p]));
                    }
                }
            } catch (IOException e) {
                abandon();
                throw spillError(paths[p], e);
            } catch (RuntimeException e) {
                abandon();
                throw e;
            }
            return parts;
        }

        /** Closes what was opened; the files go with the folder. */
        void abandon() {
            for (FileChannel channel : channels) {
                if (channel != null) {
                    try {
                        channel.close();
                    } catch (IOException e) {
                        // being abandoned: the file is deleted next
                    }
                }
            }
        }
    }

    /** An open-addressing table of 64-bit hashes (0 marks a free slot), each with the row it was first seen at. */
    private static final class HashTable {
        private long[] keys;
        private int[] firstSeen;
        private int mask;
        private int size;

        HashTable(int slots) {
            this.keys = new long[slots];
            this.firstSeen = new int[slots];
            this.mask = slots - 1;
        }

        int slots() {
            return mask + 1;
        }

        boolean full() {
            return size * 4L >= slots() * 3L;
        }

        long bytes() {
            return (long) keys.length * Long.BYTES + (long) firstSeen.length * Integer.BYTES;
        }

        /** Empties the table and uses its first {@code slots} slots (allocating only if it has fewer). */
        void reset(int slots) {
            if (keys.length < slots) {
                keys = new long[slots];
                firstSeen = new int[slots];
            } else {
                Arrays.fill(keys, 0, slots, 0L);
            }
            mask = slots - 1;
            size = 0;
        }

        /** Returns the row an equal hash (not 0) was first seen at, or -1 after adding this one. */
        int putIfAbsent(long hash, int handle) {
            int slot = (int) (hash ^ (hash >>> 29)) & mask;
            while (keys[slot] != 0) {
                if (keys[slot] == hash) {
                    return firstSeen[slot];
                }
                slot = (slot + 1) & mask;
            }
            keys[slot] = hash;
            firstSeen[slot] = handle;
            size++;
            return -1;
        }

        /** Doubles the table (the old and new arrays are both held while the entries move). */
        void grow() {
            long[] oldKeys = keys;
            int[] oldFirst = firstSeen;
            int oldSlots = slots();
            keys = new long[oldSlots * 2];
            firstSeen = new int[oldSlots * 2];
            mask = keys.length - 1;
            for (int i = 0; i < oldSlots; i++) {
                if (oldKeys[i] != 0) {
                    int slot = (int) (oldKeys[i] ^ (oldKeys[i] >>> 29)) & mask;
                    while (keys[slot] != 0) {
                        slot = (slot + 1) & mask;
                    }
                    keys[slot] = oldKeys[i];
                    firstSeen[slot] = oldFirst[i];
                }
            }
        }

        interface Entry {
            void accept(long hash, int handle);
        }

        void forEach(Entry entry) {
            for (int i = 0; i < slots(); i++) {
                if (keys[i] != 0) {
                    entry.accept(keys[i], firstSeen[i]);
                }
            }
        }
    }
}
