package dev.freshet.tasks.data.parquet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The byte arrays a writer's encoded column chunks are held in until they are appended, handed back and reused: an
 * ingest encodes its whole snapshot a block at a time, and fresh arrays made it the largest source of garbage of a
 * run (the snapshot's size again, each run), which the collector answered by growing the heap. Arrays come in
 * powers of two, so a returned one fits the next chunk of a similar size; at most {@link #KEPT_BYTES} are kept, so
 * row groups of large chunks (a Parquet batch's, up to a megabyte a column) leave theirs to the collector as before.
 */
final class ChunkBuffers {
    static final long KEPT_BYTES = 64L << 20;
    private static final int MIN_BYTES = 1 << 10;

    private final List<ArrayDeque<byte[]>> free = new ArrayList<>();
    private long keptBytes;

    ChunkBuffers() {
        for (int sizeClass = 0; sizeClass < 31; sizeClass++) {
            free.add(new ArrayDeque<>());
        }
    }

    /** An array of at least {@code size} bytes: a returned one when there is one of its class, else a new one. */
    synchronized byte[] take(int size) {
        int sizeClass = sizeClass(size);
        int capacity = capacity(sizeClass);
        byte[] buffer = free.get(sizeClass).pollLast();
        if (buffer == null) {
            return new byte[capacity];
        }
        keptBytes -= capacity;
        return buffer;
    }

    /** Hands an array back once its bytes are written; arrays of other sizes, or beyond the limit, are dropped. */
    synchronized void give(byte[] buffer) {
        int sizeClass = sizeClass(buffer.length);
        if (sizeClass >= free.size() || buffer.length != capacity(sizeClass)) {
            return;
        }
        if (keptBytes + buffer.length <= KEPT_BYTES) {
            free.get(sizeClass).addLast(buffer);
            keptBytes += buffer.length;
        }
    }

    /** The smallest class whose arrays hold {@code size} bytes: class c holds 2^c bytes, from 1 KB. */
    static int sizeClass(int size) {
        int bytes = Math.max(size, MIN_BYTES);
        return 32 - Integer.numberOfLeadingZeros(bytes - 1);
    }

    static int capacity(int sizeClass) {
        if (sizeClass >= 31) {
            throw new IllegalArgumentException("a column chunk of 2^" + sizeClass + " bytes does not fit an array");
        }
        return 1 << sizeClass;
    }
}
