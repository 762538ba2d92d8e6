package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotDataTest {

    @TempDir
    Path dir;

    @Test
    void aReferenceInTheOwnLayoutIsCountedWithoutAPassOverIt() throws Exception {
        StringBuilder csv = new StringBuilder("x,n,y\n");
        for (int i = 0; i < 500; i++) {
            csv.append(i % 37 / 4.0)
                    .append(',')
                    .append(i % 7)
                    .append(',')
                    .append(i * 0.5)
                    .append('\n');
        }
        Path batch = Files.writeString(dir.resolve("reference.csv"), csv);
        Path snapshot = dir.resolve("reference.parquet");
        SnapshotIngest.Result ingested = new SnapshotIngest(line -> {})
                .write(List.of(new BatchFile(batch, Instant.parse("2024-03-01T05:00:00Z"))), null, snapshot);
        assertThat(ingested.parser()).isEqualTo("parallel"); // the project's own layout
        SnapshotData reference = SnapshotData.withoutScan(snapshot);
        List<String> columns = reference.scan().columns();
        // gone, so that any read of it fails: the counts must come from the layout's promise alone
        Files.move(snapshot, dir.resolve("moved.parquet"));

        assertThat(reference.presentCounts(columns, 500, true)).containsExactly(500, 500, 500);
        assertThatThrownBy(() -> reference.presentCounts(columns, 500, false))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(snapshot.toString());
    }
}
