package dev.freshet.tasks.data.parquet;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32;

/**
 * One column chunk of the snapshot layout: a page header and one zstd-compressed PLAIN page. Encoding is pure; each
 * thread reuses its own scratch arrays (a few times a page's size: about 2 MB for 65,536 rows), kept while the thread
 * lives. {@link ColumnChunkCursor} decodes.
 */
final class ColumnPages {

    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** 10^0 … 10^22, each exact as a double, so that unscaled / 10^scale is correctly rounded. */
    private static final double[] POW10 = new double[23];

    static {
        double p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Closes the compression contexts of scratches no thread holds any more. */
    private static final Cleaner CONTEXTS = Cleaner.create();

    private ColumnPages() {}

    /**
     * A column chunk: {@code bytes[0..length)} (page header, then the compressed page; the array may be longer) and
     * the size of its page uncompressed.
     */
    record Chunk(byte[] bytes, int length, int uncompressedPageSize, int headerSize) {
        long totalUncompressed() {
            return (long) headerSize + uncompressedPageSize;
        }
    }

    /** Encodes rows [0, rows) of one column; doubles for DOUBLE, unscaled (or whole) numbers for the others. */
    static Chunk encode(
            ColumnPlan column, int rows, double[] doubles, long[] unscaled, int zstdLevel, ChunkBuffers buffers) {
        Scratch scratch = SCRATCH.get();
        int size = rows * column.kind().width();
        byte[] plain = scratch.plain(size);
        ByteBuffer buffer = ByteBuffer.wrap(plain, 0, size).order(ByteOrder.LITTLE_ENDIAN);
        switch (column.kind()) {
            case DOUBLE -> buffer.asDoubleBuffer().put(doubles, 0, rows);
            case INT64 -> buffer.asLongBuffer().put(unscaled, 0, rows);
            case DECIMAL64 -> {
                checkDecimal(column, unscaled, rows);
                buffer.asLongBuffer().put(unscaled, 0, rows);
            }
            case DECIMAL32 -> {
                checkDecimal(column, unscaled, rows);
                for (int i = 0; i < rows; i++) {
                    INTS.set(plain, i * 4, (int) unscaled[i]);
                }
            }
        }
        byte[] compressed = scratch.compressed((int) Zstd.compressBound(size));
        int length;
        try {
            length = scratch.zstd(zstdLevel).compressByteArray(compressed, 0, compressed.length, plain, 0, size);
        } catch (ZstdException e) {
            throw new IllegalStateException("zstd cannot compress column " + column.name() + ": " + e.getMessage(), e);
        }
        CRC32 crc = scratch.crc;
        crc.reset();
        crc.update(compressed, 0, length);
        byte[] header = scratch.header;
        int headerSize = DataPageHeaderBytes.write(header, 0, size, length, (int) crc.getValue(), rows);
        int total = headerSize + length;
        byte[] bytes = buffers.take(total);
        System.arraycopy(header, 0, bytes, 0, headerSize);
        System.arraycopy(compressed, 0, bytes, headerSize, length);
        return new Chunk(bytes, total, size, headerSize);
    }

    private static void checkDecimal(ColumnPlan column, long[] unscaled, int rows) {
        long limit = column.kind() == ColumnPlan.Kind.DECIMAL32 ? 999_999_999L : 999_999_999_999_999_999L;
        long beyond = 0;
        for (int i = 0; i < rows; i++) {
            // the sign bit set when |unscaled[i]| > limit; one vectorised loop, the row named only when one is
            beyond |= (limit - unscaled[i]) | (unscaled[i] + limit);
        }
        if (beyond >= 0) {
            return;
        }
        for (int i = 0; i < rows; i++) {
            long v = unscaled[i];
            if (v > limit || v < -limit) {
                throw new IllegalArgumentException(
                        "column " + column.name() + ", row " + i + ": " + v + " has more digits than " + column.kind()
                                + " holds (" + column.kind().precision() + ")");
            }
        }
    }

    /** 10^scale, exact as a double. */
    static double pow10(int scale) {
        return POW10[scale];
    }

    /** A page that does not decode as the footer says. */
    static final class CorruptPage extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptPage(String message) {
            super(message);
        }
    }

    /** A thread's reusable arrays. */
    static final class Scratch {
        private final CRC32 crc = new CRC32();

        private final byte[] header = new byte[DataPageHeaderBytes.MAX_SIZE];
        private byte[] plain = new byte[0];
        private byte[] compressed = new byte[0];

        byte[] plain(int size) {
            if (plain.length < size) {
                plain = new byte[size];
            }
            return plain;
        }

        byte[] compressed(int size) {
            if (compressed.length < size) {
                compressed = new byte[size];
            }
            return compressed;
        }

        /**
         * The thread's compression context: made once, not once a page (its tables cost as much as a small page).
         * Its native memory is freed by {@code close()} alone, so it is closed when replaced, and by {@link #CONTEXTS}
         * once its thread has ended and this scratch is unreachable: ingest starts new worker threads every pass.
         */
        private ZstdCompressCtx zstd;

        private ContextCloser closer;
        private Cleaner.Cleanable cleanable;
        private int zstdLevel;

        ZstdCompressCtx zstd(int level) {
            if (zstd == null || zstdLevel != level) {
                if (cleanable != null) {
                    cleanable.clean();
                }
                ZstdCompressCtx made = new ZstdCompressCtx().setLevel(level);
                closer = new ContextCloser(made);
                cleanable = CONTEXTS.register(this, closer);
                zstd = made;
                zstdLevel = level;
            }
            return zstd;
        }

        /** What closes the current context (tests). */
        ContextCloser closer() {
            return closer;
        }
    }

    /** Closes a compression context once; holds the context only, never the scratch that used it. */
    static final class ContextCloser implements Runnable {
        private final ZstdCompressCtx context;
        private volatile boolean closed;

        ContextCloser(ZstdCompressCtx context) {
            this.context = context;
        }

        @Override
        public void run() {
            context.close();
            closed = true;
        }

        boolean closed() {
            return closed;
        }
    }
}
