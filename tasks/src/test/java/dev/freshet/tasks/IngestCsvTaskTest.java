package dev.freshet.tasks;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.tracking.Sha256;
import dev.freshet.tasks.data.DatasetManifest;
import dev.freshet.tasks.data.HoldoutMask;
import dev.freshet.tasks.data.SnapshotReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IngestCsvTaskTest {

    private static final Instant DAY_1 = Instant.parse("2024-03-01T05:00:00Z");

    @TempDir
    Path dir;

    @Test
    void unionsTheNewestBatchesAndOutputsRowsColumnsAndTheBatchList() throws Exception {
        batch("landing/d1.csv", "a,b,y\n1,2,3\n", DAY_1);
        Path d2 = batch("landing/d2.csv", "a,b,y\n4,5,6\n7,8,9\n", DAY_1.plus(Duration.ofDays(1)));
        Path d3 = batch("landing/d3.csv", "a,b,y\n10,11,12\n", DAY_1.plus(Duration.ofDays(2)));

        Map<String, Object> outputs = run(Map.of("source", "landing", "target", "y", "newest", 2), Instant.now());

        assertThat(outputs)
                .containsEntry("rows", 3)
                .containsEntry("columns", 3)
                .containsEntry("batch_count", 2)
                .containsEntry("column_names", List.of("a", "b", "y"))
                .containsEntry("target", "y")
                .containsEntry("batches", List.of(d2.toString(), d3.toString()));
        Path union = Path.of(outputs.get("dataset_path").toString());
        assertThat(union.getFileName()).hasToString("data.parquet");
        assertThat(outputs).containsEntry("parser", "parallel").containsEntry("dataset_format", "parquet");
        try (SnapshotReader reader = SnapshotReader.open(union)) {
            assertThat(reader.columns()).containsExactly("a", "b", "y");
            assertThat(reader.next()).isTrue();
            assertThat(reader.chunkRows()).isEqualTo(3);
            assertThat(reader.values()[0]).startsWith(4, 7, 10);
            assertThat(reader.values()[2]).startsWith(6, 9, 12);
        }
        assertThat(outputs.get("dataset_sha256")).isEqualTo(Sha256.of(union));
        assertThat(DatasetManifest.read(Path.of(outputs.get("manifest_path").toString()))
                        .batches())
                .extracting(b -> b.sha256())
                .containsExactly(Sha256.of(d2), Sha256.of(d3));
    }

    @Test
    void aWindowEndsAtTheRunsLogicalDate() throws Exception {
        Path d1 = batch("landing/d1.csv", "a,y\n1,2\n", DAY_1);
        batch("landing/d2.csv", "a,y\n3,4\n", DAY_1.plus(Duration.ofDays(1)));

        Map<String, Object> outputs =
                run(Map.of("source", "landing/*.csv", "target", "y", "window", "1d"), DAY_1.plusSeconds(60));

        assertThat(outputs).containsEntry("batches", List.of(d1.toString())).containsEntry("rows", 1);
    }

    @Test
    void aSplitIsRecordedAsARowMaskNotAsCopies() throws Exception {
        StringBuilder csv = new StringBuilder("a,y\n");
        for (int i = 0; i < 200; i++) {
            csv.append(i).append(',').append(2 * i).append('\n');
        }
        batch("data.csv", csv.toString(), DAY_1);

        Map<String, Object> outputs = run(
                Map.of("source", "data.csv", "target", "y", "split", Map.of("fraction", 0.25, "seed", 3)),
                Instant.now());

        int train = (Integer) outputs.get("train_rows");
        int holdout = (Integer) outputs.get("holdout_rows");
        assertThat(train + holdout).isEqualTo(200);
        assertThat(holdout).isBetween(30, 70);
        Path mask = Path.of(outputs.get("split_mask_path").toString());
        assertThat(Files.size(mask)).isEqualTo(25);
        assertThat(HoldoutMask.read(mask, 200).holdoutRows()).isEqualTo(holdout);
        assertThat(outputs)
                .containsEntry("split_fraction", 0.25)
                .containsEntry("split_seed", 3L)
                .doesNotContainKeys("train_path", "holdout_path");
    }

    @Test
    void configurationMistakesNameTheField() throws Exception {
        batch("data.csv", "a,y\n1,2\n", DAY_1);

        assertThatThrownBy(() -> run(Map.of("source", "data.csv", "target", "y", "newset", 2), Instant.now()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("task 'ingest': with.newset: unknown setting; known: [");
        assertThatThrownBy(() -> run(Map.of("source", "data.csv", "target", "y", "window", "two days"), Instant.now()))
                .hasMessageStartingWith("task 'ingest': with.window: invalid duration 'two days'");
        assertThatThrownBy(() -> run(
                        Map.of("source", "data.csv", "target", "y", "split", Map.of("fraction", 1.5)), Instant.now()))
                .hasMessageStartingWith("task 'ingest': with.split.fraction: split fraction must be");
        assertThatThrownBy(() -> run(Map.of("target", "y"), Instant.now()))
                .hasMessage("task 'ingest': with.source: is required");
    }

    @Test
    void thousandsOfColumnNamesAreLeftToTheManifestNotPutInTheOutputs() throws Exception {
        int width = 4_000; // names of 13 characters: about 64,000 characters of JSON with their quotes and commas
        StringBuilder header = new StringBuilder();
        StringBuilder row = new StringBuilder();
        for (int j = 0; j < width; j++) {
            header.append(String.format("feature_%05d,", j));
            row.append(j % 10).append(',');
        }
        batch("landing/wide.csv", header + "y\n" + row + "1\n" + row + "2\n", DAY_1);
        Path artifacts = Files.createDirectories(dir.resolve("artifacts-wide"));
        FakeTaskContext context = FakeTaskContext.standalone(
                "ingest", Map.of("source", "landing", "target", "y"), dir, artifacts, Instant.now());

        Map<String, Object> outputs = new IngestCsvTask().run(context).outputs();

        assertThat(outputs).containsEntry("columns", width + 1).doesNotContainKey("column_names");
        assertThat(DatasetManifest.read(Path.of(outputs.get("manifest_path").toString()))
                        .columns())
                .hasSize(width + 1)
                .startsWith("feature_00000");
        assertThat(context.logLines())
                .anySatisfy(line -> assertThat(line)
                        .startsWith(
                                "WARN column_names left out of the outputs: 4001 names take about 64004 characters"));
        batch("narrow/d1.csv", "a,y\n1,2\n", DAY_1);
        assertThat(run(Map.of("source", "narrow", "target", "y"), Instant.now()))
                .as("a few columns are still listed")
                .containsKey("column_names");
    }

    @Test
    void aColumnNameOverAThousandCharactersIsRefusedNamingTheFile() throws Exception {
        String name = "c".repeat(100_001);
        Path file = batch("long/b.csv", "a," + name + ",y\n1,2,3\n4,5,6\n", DAY_1);

        assertThatThrownBy(() -> run(Map.of("source", "long", "target", "y"), Instant.now()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(file + ":1: column name 2 is 100001 characters long ('" + "c".repeat(40)
                        + "…'); at most 1000 are allowed");
    }

    private Map<String, Object> run(Map<String, Object> with, Instant logicalDate) throws Exception {
        Path artifacts = Files.createDirectories(dir.resolve("artifacts-" + System.nanoTime()));
        return new IngestCsvTask()
                .run(FakeTaskContext.standalone("ingest", with, dir, artifacts, logicalDate))
                .outputs();
    }

    private Path batch(String name, String content, Instant modified) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
