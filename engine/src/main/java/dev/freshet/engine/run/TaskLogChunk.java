package dev.freshet.engine.run;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** Part of a try's log as shipped to the store: its text and where it starts in the log, in bytes of UTF-8. */
public record TaskLogChunk(TryKey key, long offset, String text) {
    public TaskLogChunk {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(text, "text");
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
    }

    public int byteLength() {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
