package dev.freshet.engine.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the workflow files of a folder are now: each file's SHA-256 by path. The content is hashed every time rather
 * than trusting modification times, which some mounts keep to the second or two (an edit saved twice within that
 * time would look unchanged); workflow files are small, so reading them once a second costs little.
 */
record FolderFingerprint(Map<Path, String> hashes) {
    FolderFingerprint {
        hashes = Map.copyOf(hashes);
    }

    static FolderFingerprint of(List<Path> files) {
        Map<Path, String> hashes = new TreeMap<>();
        for (Path file : files) {
            try {
                hashes.put(file, sha256(Files.readAllBytes(file)));
            } catch (NoSuchFileException gone) {
                // deleted between listing and reading: the next look sees it gone
            } catch (IOException e) {
                hashes.put(file, "unreadable: " + e.getMessage());
            }
        }
        return new FolderFingerprint(hashes);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
