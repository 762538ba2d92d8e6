package dev.freshet.tasks.data;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    @Test
    void saysRowsAndMegabytesDoneTheRateAndTheTimeLeft() {
        Progress progress = new Progress(message -> {}, "ingest: read", 1_000_000, 800_000_000);

        assertThat(progress.describe(250_000, 200_000_000, 5.0))
                .isEqualTo("ingest: read: 250,000 of 1,000,000 rows, "
                        + "200.0 of 800.0 MB (25%), 50,000 rows/s, 40.0 MB/s, about 15 s left");
        assertThat(new Progress(message -> {}, "validate: read", 0, 0).describe(10, 0, 2.0))
                .isEqualTo("validate: read: 10 rows, 5 rows/s");
    }

    @Test
    void aPassThatKnowsOnlyItsBytesSaysNothingOfRows() {
        Progress progress = new Progress(message -> {}, "ingest: parse and write", 0, 800_000_000);

        assertThat(progress.describe(0, 200_000_000, 5.0))
                .isEqualTo("ingest: parse and write: " + "200.0 of 800.0 MB (25%), 40.0 MB/s, about 15 s left");
        assertThat(progress.describe(0, 0, 1.0)).isEqualTo("ingest: parse and write: 0.0 of 800.0 MB");
    }

    @Test
    void logsOnlyOnceTheIntervalHasPassed() {
        List<String> lines = new ArrayList<>();
        Progress progress = new Progress(lines::add, "train: read", 100, 0);

        progress.atRows(1);
        progress.atRows(2);

        assertThat(lines).isEmpty(); // the first line comes after two seconds, not at once
    }
}
