package dev.freshet.tasks.data.parquet;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.tasks.data.SnapshotReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A snapshot of the project's layout holds finite numbers only, so its readers skip looking for missing values: the
 * writer refuses anything else, and a file that claims the layout and holds it anyway is refused when read.
 */
class SnapshotFinitenessTest {
    private static final List<ColumnPlan> PLAN = List.of(ColumnPlan.doubles("a"), ColumnPlan.int64("b"));

    @TempDir
    Path dir;

    private static double[] column(int rows, int at, double value) {
        double[] a = new double[rows];
        for (int i = 0; i < rows; i++) {
            a[i] = i * 0.5;
        }
        if (at >= 0) {
            a[at] = value;
        }
        return a;
    }

    @Test
    void theWriterRefusesAValueThatIsNotFiniteNamingTheColumnAndRow() {
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(dir.resolve("w.parquet"), PLAN, 3)) {
                assertThatThrownBy(() -> writer.encode(
                                100, new double[][] {column(100, 42, bad), null}, new long[][] {null, new long[100]}))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("column a, row 42: " + bad + " is not a finite number");
            }
        }
    }

    @Test
    void aFileInTheLayoutThatHoldsANonFiniteValueAnywayIsRefusedWhenRead() {
        Path file = dir.resolve("claims.parquet");
        try (SnapshotParquetWriter writer = SnapshotParquetWriter.create(file, PLAN, 3)) {
            for (int group = 0; group < 3; group++) {
                double[] a = column(500, group == 2 ? 7 : -1, Double.NaN);
                ColumnPages.Chunk[] chunks = {
                    ColumnPages.encode(PLAN.get(0), 500, a, null, 3, new ChunkBuffers()),
                    ColumnPages.encode(PLAN.get(1), 500, null, new long[500], 3, new ChunkBuffers())
                };
                writer.append(new EncodedRowGroup(PLAN, 500, chunks)); // past the writer's own check
            }
            writer.finish();
        }
        try (SnapshotReader reader = SnapshotReader.open(file)) {
            assertThat(reader.alwaysFinite()).isTrue();
            assertThatThrownBy(() -> {
                        while (reader.next()) {
                            // read on until the third row group
                        }
                    })
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("column a, row group 2")
                    .hasMessageContaining("not a finite number");
        }
    }
}
