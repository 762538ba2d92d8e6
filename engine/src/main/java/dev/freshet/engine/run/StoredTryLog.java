package dev.freshet.engine.run;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A try's log as shipped to the {@link TaskLogStore}: what any node can read, wherever the try ran. */
public record StoredTryLog(TaskLogStore store, TryKey key) implements TryLog {
    @Override
    public long size() {
        return Math.max(0, store.length(key));
    }

    @Override
    public byte[] read(long from, int maxBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long end = from + maxBytes;
        for (TaskLogChunk chunk : store.chunks(key, from)) {
            if (chunk.offset() >= end) {
                break;
            }
            byte[] bytes = chunk.text().getBytes(StandardCharsets.UTF_8);
            int skip = (int) Math.max(0, from - chunk.offset());
            int take = (int) Math.min(bytes.length - skip, end - Math.max(from, chunk.offset()));
            if (take > 0) {
                out.write(bytes, skip, take);
            }
        }
        return out.toByteArray();
    }
}
