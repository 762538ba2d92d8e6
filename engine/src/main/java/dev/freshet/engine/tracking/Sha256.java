package dev.freshet.engine.tracking;

import dev.freshet.engine.error.FreshetException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 of files and bytes, as lower-case hex. */
public final class Sha256 {
    private Sha256() {}

    public static String of(Path file) {
        MessageDigest digest = digest();
        try (FileChannel channel = FileChannel.open(file)) {
            // A read per megabyte rather than per 8 KB (a stream's buffer): snapshots run to hundreds of megabytes.
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(8192, Math.min(1 << 20, channel.size())));
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                digest.update(buffer);
                buffer.clear();
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new FreshetException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Copies {@code from} to {@code to} (replacing it) and returns the sha256 of the bytes copied, in one read. */
    public static String copy(Path from, Path to) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(from), digest());
                OutputStream out = Files.newOutputStream(to)) {
            in.transferTo(out);
            return HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new FreshetException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    /** Whether {@code text} is a sha256 as this class writes it: 64 lower-case hex digits. */
    public static boolean isDigest(String text) {
        return text.length() == 64 && text.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
    }

    public static String of(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
