package dev.freshet.tasks;

import dev.freshet.tasks.RandomSnapshot.RowPath;
import dev.freshet.tasks.data.Progress;
import dev.freshet.tasks.data.SnapshotReader;
import dev.freshet.tasks.model.ColumnPredictor;
import dev.freshet.tasks.model.LinearModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The held-out rows scored straight from the snapshot's columns give the same actual values, the same predictions to
 * the bit (candidate and champion) and the same count of rows dropped for a missing value as the rows read one by
 * one into a table and predicted by {@link LinearModel#predict(dev.freshet.tasks.data.Table)}.
 */
class HoldoutScoresTest {

    @TempDir
    static Path dir;

    static RandomSnapshot data;
    static LinearModel candidate;
    static LinearModel champion;

    @BeforeAll
    static void data() throws Exception {
        data = RandomSnapshot.write(dir);
        candidate = RandomSnapshot.model(data.features(), 1);
        champion = RandomSnapshot.model(data.otherFeatures(), 2);
    }

    @ParameterizedTest(name = "{0}, chunks of {1} rows")
    @CsvSource({"project, 8192", "project, 1000", "duckdb, 8192", "duckdb, 3000"})
    void scoresTheHeldOutRowsFromTheColumnsExactlyAsTheRowPathDid(String reader, int chunkRows) {
        Path file = reader.equals("duckdb") ? data.fileReadByDuckDb() : data.file();
        RowPath expected = RowPath.of(file, data.mask(), candidate, champion);

        HoldoutScores scores = score(SnapshotReader.open(file, chunkRows), true);

        assertThat(expected.dropped()).as("rows left out for a missing value").isBetween(20, 200);
        assertThat(expected.actual().length).isBetween(3000, 5000);
        assertThat(scores.dropped()).isEqualTo(expected.dropped());
        assertThat(scores.actual()).isEqualTo(expected.actual());
        assertThat(scores.predicted()).isEqualTo(expected.predicted());
        assertThat(scores.championPredicted()).isEqualTo(expected.championPredicted());
    }

    @Test
    void withoutAChampionOnlyTheCandidateIsScored() {
        HoldoutScores scores = score(SnapshotReader.open(data.file()), false);

        assertThat(scores.championPredicted()).isNull();
        assertThat(scores.predicted())
                .isEqualTo(RowPath.of(data.file(), data.mask(), candidate, champion)
                        .predicted());
    }

    private static HoldoutScores score(SnapshotReader opened, boolean withChampion) {
        try (SnapshotReader reader = opened) {
            return HoldoutScores.score(
                    reader,
                    data.mask(),
                    reader.columnIndex("y"),
                    ColumnPredictor.of(candidate, reader.columns()),
                    withChampion ? ColumnPredictor.of(champion, reader.columns()) : null,
                    Progress.silent());
        }
    }
}
