package dev.freshet.tasks;

import dev.freshet.engine.testdb.H2Only;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data path's memory does not grow with rows: 1,600,000 rows x 21 columns (269 MB as doubles) go through
 * ingest, validation statistics, train and evaluate in a JVM whose whole heap is 256 MB.
 */
@H2Only("The data path's memory in a 256 MB JVM: the database holds a few rows of the run, the same on either")
class SmallHeapRunTest {

    private static final int ROWS = 1_600_000;
    private static final int FEATURES = 20;

    @TempDir
    Path dir;

    @Test
    void aRunOnMoreRowsThanFitInTheHeapSucceeds() throws Exception {
        writeData(dir.resolve("data.csv"));
        assertThat((long) ROWS * (FEATURES + 1) * Double.BYTES).isGreaterThan(256L << 20);
        Path output = dir.resolve("out.txt");
        Process process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SmallHeapRun.class.getName(),
                        dir.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean ended = process.waitFor(4, TimeUnit.MINUTES);
        if (!ended) {
            process.destroyForcibly();
        }
        String out = Files.readString(output);
        assertThat(ended).as(out).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).contains("rows=" + ROWS).contains("max_heap_mb=").containsPattern("rmse=0\\.\\d+");
    }

    private static void writeData(Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < FEATURES; j++) {
                line.append('x').append(j).append(',');
            }
            out.write(line.append("y\n").toString());
            for (int i = 0; i < ROWS; i++) {
                line.setLength(0);
                double y = 0;
                for (int j = 0; j < FEATURES; j++) {
                    int value = random.nextInt(2000) - 1000;
                    y += value * (j % 5) * 1e-3;
                    line.append(value / 100.0).append(',');
                }
                line.append(Math.round((y + random.nextDouble()) * 1000) / 1000.0)
                        .append('\n');
                out.write(line.toString());
            }
        }
    }
}
