package dev.freshet.web.ui;

import dev.freshet.engine.run.TryLog;

import java.nio.charset.StandardCharsets;

/**
 * Part of a try's log read from a byte offset: at most {@code maxBytes}, ending at the last complete line so a UTF-8
 * character is never cut in two while the task is still writing.
 *
 * @param next      the offset to read from next time
 * @param truncated true when the start of the file was skipped
 */
record LogChunk(String text, long next, boolean truncated) {

    /** The end of the log: its last {@code maxBytes} at most. */
    static LogChunk tail(TryLog log, int maxBytes) {
        long size = log.size();
        long start = Math.max(0, size - maxBytes);
        return read(log, start, size, start > 0);
    }

    /** What was written from {@code offset} on (nothing if the log is shorter). */
    static LogChunk from(TryLog log, long offset, int maxBytes) {
        long size = log.size();
        long start = Math.max(offset, size - maxBytes);
        return read(log, Math.min(start, size), size, start > offset);
    }

    private static LogChunk read(TryLog log, long start, long size, boolean truncated) {
        byte[] bytes = log.read(start, (int) Math.max(0, size - start));
        int lastNewline = bytes.length - 1;
        while (lastNewline >= 0 && bytes[lastNewline] != '\n') {
            lastNewline--;
        }
        int complete = lastNewline + 1;
        return new LogChunk(new String(bytes, 0, complete, StandardCharsets.UTF_8), start + complete, truncated);
    }
}
