package dev.freshet.engine.run;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a node ships of a try's log is the file's bytes, at the file's offsets, in chunks of at most 64 KiB. */
class LogShipperTest {
    private static final TryKey KEY = new TryKey("run", "task", 1);

    /** A store in memory whose appends can be made to fail. */
    private static final class Chunks implements TaskLogStore {
        final List<TaskLogChunk> stored = new ArrayList<>();
        boolean down;

        @Override
        public synchronized void append(List<TaskLogChunk> chunks) {
            if (down) {
                throw new IllegalStateException("database down");
            }
            stored.addAll(chunks);
        }

        @Override
        public synchronized List<TaskLogChunk> chunks(TryKey key, long from) {
            return stored.stream()
                    .filter(c -> c.key().equals(key) && c.offset() + c.byteLength() > from)
                    .toList();
        }

        @Override
        public synchronized long length(TryKey key) {
            return stored.stream()
                    .filter(c -> c.key().equals(key))
                    .mapToLong(c -> c.offset() + c.byteLength())
                    .max()
                    .orElse(-1);
        }
    }

    @Test
    void shippedChunksHoldTheLinesAtTheirByteOffsetsAndALongLineIsSplit() {
        Chunks store = new Chunks();
        StringBuilder written = new StringBuilder("earlier try's bytes\n");
        try (LogShipper shipper = new LogShipper(store)) {
            LogShipper.ShippedLog log = shipper.open(KEY, bytes(written.toString()));
            List<String> lines = List.of("first line é\n", "ü".repeat(50_000) + "\n", "last line\n");
            for (String line : lines) {
                log.append(line);
                written.append(line);
            }
            log.close();
        }

        assertThat(store.stored).hasSizeGreaterThan(1);
        assertThat(store.stored).allSatisfy(c -> assertThat(c.byteLength()).isLessThanOrEqualTo(64 * 1024));
        long offset = bytes("earlier try's bytes\n");
        for (TaskLogChunk chunk : store.stored) {
            assertThat(chunk.offset()).isEqualTo(offset);
            offset += chunk.byteLength();
        }
        byte[] file = written.toString().getBytes(StandardCharsets.UTF_8);
        StoredTryLog stored = new StoredTryLog(store, KEY);
        assertThat(stored.size()).isEqualTo(file.length);
        assertThat(new String(stored.read(20, file.length), StandardCharsets.UTF_8))
                .isEqualTo(written.substring("earlier try's bytes\n".length()));
        assertThat(stored.read(file.length - 10, 100)).isEqualTo("last line\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void whatTheStoreRefusedIsShippedWithTheNextShipment() {
        Chunks store = new Chunks();
        try (LogShipper shipper = new LogShipper(store)) {
            LogShipper.ShippedLog log = shipper.open(KEY, 0);
            store.down = true;
            log.append("one\n");
            shipper.ship();
            assertThat(store.stored).isEmpty();

            store.down = false;
            log.append("two\n");
            log.close();
            shipper.ship();
        }

        assertThat(new String(new StoredTryLog(store, KEY).read(0, 100), StandardCharsets.UTF_8))
                .isEqualTo("one\ntwo\n");
    }

    private static long bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
