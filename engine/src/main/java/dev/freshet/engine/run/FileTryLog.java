package dev.freshet.engine.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A try's log in the file of the node that ran it. */
public record FileTryLog(Path file) implements TryLog {
    /** The log file of {@code key} under {@code logRoot}, as the try's node writes it. */
    public static FileTryLog of(Path logRoot, TryKey key) {
        return new FileTryLog(FileTaskLog.fileFor(logRoot, key));
    }

    @Override
    public long size() {
        try (FileChannel channel = FileChannel.open(file)) {
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    @Override
    public byte[] read(long from, int maxBytes) {
        try (FileChannel channel = FileChannel.open(file)) {
            long start = Math.min(Math.max(0, from), channel.size());
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(maxBytes, channel.size() - start));
            channel.position(start);
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // keep reading
            }
            byte[] bytes = new byte[buffer.position()];
            buffer.flip().get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
