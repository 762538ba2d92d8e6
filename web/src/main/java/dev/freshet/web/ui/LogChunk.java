package dev.freshet.web.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Part of a log file read from a byte offset: at most {@code maxBytes}, ending at the last complete line so a UTF-8
 * character is never cut in two while the task is still writing.
 *
 * @param next      the offset to read from next time
 * @param truncated true when the start of the file was skipped
 */
record LogChunk(String text, long next, boolean truncated) {

    /** The end of the file: its last {@code maxBytes} at most. */
    static LogChunk tail(Path file, int maxBytes) {
        try (FileChannel channel = FileChannel.open(file)) {
            long start = Math.max(0, channel.size() - maxBytes);
            return read(channel, start, start > 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** What was written from {@code offset} on (nothing if the file is shorter). */
    static LogChunk from(Path file, long offset, int maxBytes) {
        try (FileChannel channel = FileChannel.open(file)) {
            long start = Math.max(offset, channel.size() - maxBytes);
            return read(channel, Math.min(start, channel.size()), start > offset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static LogChunk read(FileChannel channel, long start, boolean truncated) throws IOException {
        long size = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(0, size - start));
        channel.position(start);
        while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
            // keep reading
        }
        byte[] bytes = buffer.array();
        int end = buffer.position();
        int lastNewline = end - 1;
        while (lastNewline >= 0 && bytes[lastNewline] != '\n') {
            lastNewline--;
        }
        int complete = lastNewline + 1;
        return new LogChunk(new String(bytes, 0, complete, StandardCharsets.UTF_8), start + complete, truncated);
    }
}
