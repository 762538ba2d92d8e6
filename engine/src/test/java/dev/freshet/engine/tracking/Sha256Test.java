package dev.freshet.engine.tracking;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class Sha256Test {
    @TempDir
    Path dir;

    @Test
    void aFileLongerThanOneReadHashesAsItsBytesDo() throws Exception {
        byte[] bytes = new byte[(5 << 20) / 2 + 7];
        new Random(3).nextBytes(bytes);
        Path file = Files.write(dir.resolve("data.bin"), bytes);

        String expected =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(Sha256.of(file)).isEqualTo(expected).isEqualTo(Sha256.of(bytes));
    }

    @Test
    void anEmptyFileHashesAsNoBytes() throws Exception {
        Path file = Files.createFile(dir.resolve("empty"));
        assertThat(Sha256.of(file)).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }
}
