package dev.freshet.tasks.data;

import dev.freshet.engine.tracking.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ParallelCsvIngestTest {

    private static final Instant DAY = Instant.parse("2024-03-01T05:00:00Z");
    private static final HoldoutSplit SPLIT = new HoldoutSplit(0.25, 9);
    private static final List<String> COLUMNS = List.of("dec", "whole", "exp", "long", "y");

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    /** Small blocks, so that a few hundred rows make many row groups, parsed on three threads. */
    private ParallelCsvIngest ingest() {
        return new ParallelCsvIngest(log::add, 3, 2048);
    }

    @Test
    void batchesOverManyBlocksGiveEveryValueDuckDbParsesTheSplitOfTheirTextAndTheirFilesAndLines() throws Exception {
        List<String> first = rows(new Random(1), 700, 5);
        List<String> second = rows(new Random(2), 300, 5);
        Path a = csv("a.csv", first, "\n");
        Path b = csv("b.csv", second, "\r\n");
        Path snapshot = dir.resolve("data.parquet");

        SnapshotIngest.Result result = ingest().write(
                        List.of(batch(a), batch(b)), COLUMNS, SPLIT, snapshot, Files.size(a) + Files.size(b))
                .orElseThrow(() -> new AssertionError(log));

        assertThat(result.parser()).isEqualTo("parallel");
        assertThat(result.manifest().rows()).isEqualTo(1000);
        assertThat(result.manifest().batches())
                .extracting(
                        BatchSpan::file, BatchSpan::sha256, BatchSpan::rows, BatchSpan::firstRow, BatchSpan::firstLine)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(a.toString(), Sha256.of(a), 700, 0, 2),
                        org.assertj.core.groups.Tuple.tuple(b.toString(), Sha256.of(b), 300, 700, 702));
        assertThat(result.scan().lines().line(750)).isEqualTo(702 + 50);
        List<String> all = Stream.concat(first.stream(), second.stream()).toList();
        for (int r = 0; r < all.size(); r++) {
            byte[] line = all.get(r).getBytes(StandardCharsets.US_ASCII);
            assertThat(result.mask().isHoldout(r)).as("row %d", r).isEqualTo(SPLIT.isHoldoutLine(line, 0, line.length));
        }
        double[][] fromA = duckDbValues(a);
        double[][] fromB = duckDbValues(b);
        double[][] expected = new double[COLUMNS.size()][];
        for (int j = 0; j < COLUMNS.size(); j++) {
            expected[j] = Stream.of(fromA[j], fromB[j])
                    .flatMapToDouble(java.util.Arrays::stream)
                    .toArray();
        }
        double[][] actual = snapshotValues(snapshot, 1000);
        for (int j = 0; j < COLUMNS.size(); j++) {
            for (int r = 0; r < 1000; r++) {
                assertThat(Double.doubleToRawLongBits(actual[j][r]))
                        .as("%s row %d: %s", COLUMNS.get(j), r, all.get(r))
                        .isEqualTo(Double.doubleToRawLongBits(expected[j][r]));
            }
        }
        assertThat(Files.size(snapshot)).isLessThan(Files.size(a) + Files.size(b));
    }

    @Test
    void aValueWithMorePlacesThanTheFirstBlockHadMakesEveryColumnADoubleAndKeepsItExact() throws Exception {
        List<String> lines = rows(new Random(3), 400, 2);
        lines.set(390, "1.123456789,2,3e-2,4,5");
        Path file = csv("late.csv", lines, "\n");
        Path snapshot = dir.resolve("data.parquet");

        SnapshotIngest.Result result = ingest().write(List.of(batch(file)), COLUMNS, null, snapshot, Files.size(file))
                .orElseThrow();

        assertThat(log).anySatisfy(m -> assertThat(m).contains("storing every column as a double"));
        assertThat(result.snapshotSha256()).as("the second pass's digest").isEqualTo(Sha256.of(snapshot));
        assertThat(snapshotValues(snapshot, 400)[0][390]).isEqualTo(1.123456789);
        assertThat(snapshotValues(snapshot, 400)[0]).containsExactly(duckDbValues(file)[0]);
        assertThat(result.mask()).isNull();
    }

    @Test
    void aBatchInAnotherFormIsDeclinedAndLeavesNoFileBehind() throws Exception {
        List<String> lines = rows(new Random(4), 400, 5);
        lines.set(350, lines.get(350).replace(",", ", "));
        Path spaced = csv("spaced.csv", lines, "\n");
        Path mixed = dir.resolve("mixed.csv");
        Files.writeString(mixed, String.join(",", COLUMNS) + "\r\n" + String.join("\n", rows(new Random(5), 3, 5)));
        Path snapshot = dir.resolve("out").resolve("data.parquet");
        Files.createDirectories(snapshot.getParent());

        for (Path file : List.of(spaced, mixed)) {
            Optional<SnapshotIngest.Result> result =
                    ingest().write(List.of(batch(file)), COLUMNS, SPLIT, snapshot, Files.size(file));

            assertThat(result).as(file.toString()).isEmpty();
            try (Stream<Path> left = Files.list(snapshot.getParent())) {
                assertThat(left).isEmpty();
            }
        }
        assertThat(log).anySatisfy(m -> assertThat(m).contains("the parallel reader declined"));
    }

    @Test
    void theIngestTakesARegularFileOnTheParallelPathAndAnyOtherOnTheOthers() throws Exception {
        Path regular = csv("regular.csv", rows(new Random(6), 50, 5), "\n");
        Path text = csv("text.csv", List.of("1,2,3,4,5", "1,n/a,3,4,5"), "\n");
        SnapshotIngest ingest = new SnapshotIngest(log::add);

        assertThat(ingest.write(List.of(batch(regular)), SPLIT, dir.resolve("r.parquet"))
                        .parser())
                .isEqualTo("parallel");
        assertThat(ingest.write(List.of(batch(text)), SPLIT, dir.resolve("t.parquet"))
                        .parser())
                .isEqualTo("lenient");
    }

    /** Rows of five fields: decimals of up to {@code places} places, whole numbers, exponents, 16 digits, y. */
    private static List<String> rows(Random random, int count, int places) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            rows.add(String.join(
                    ",",
                    String.format(Locale.ROOT, "%." + places + "f", random.nextGaussian() * 4)
                            .replaceAll("0+$", "0"),
                    Integer.toString(random.nextInt(1000) - (r % 7 == 0 ? 1000 : 0)),
                    String.format(Locale.ROOT, "%.2e", (1 + random.nextDouble() * 8) * (r % 2 == 0 ? 1 : -1)),
                    Long.toString(random.nextLong() >>> 12),
                    String.format(Locale.ROOT, "%.3f", random.nextDouble())));
        }
        return rows;
    }

    private Path csv(String name, List<String> rows, String lineEnd) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join(",", COLUMNS) + lineEnd + String.join(lineEnd, rows) + lineEnd);
        return file;
    }

    private static BatchFile batch(Path file) {
        return new BatchFile(file, DAY);
    }

    private static double[][] duckDbValues(Path file) throws Exception {
        List<double[]> rows = new ArrayList<>();
        try (DuckDb db = DuckDb.open();
                var statement = db.connection().createStatement();
                var result = statement.executeQuery("SELECT * FROM read_csv("
                        + DuckDb.literal(file.toString())
                        + ", header = true, all_varchar = false, columns = {"
                        + DuckDb.columnList(COLUMNS, c -> DuckDb.literal(c) + ": 'DOUBLE'") + "})")) {
            while (result.next()) {
                double[] row = new double[COLUMNS.size()];
                for (int j = 0; j < row.length; j++) {
                    row[j] = result.getDouble(j + 1);
                }
                rows.add(row);
            }
        }
        double[][] columns = new double[COLUMNS.size()][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int j = 0; j < COLUMNS.size(); j++) {
                columns[j][r] = rows.get(r)[j];
            }
        }
        return columns;
    }

    private static double[][] snapshotValues(Path snapshot, int rows) {
        double[][] values = new double[COLUMNS.size()][rows];
        try (SnapshotReader reader = SnapshotReader.open(snapshot, 64)) {
            assertThat(reader.columns()).isEqualTo(COLUMNS);
            while (reader.next()) {
                for (int j = 0; j < COLUMNS.size(); j++) {
                    System.arraycopy(reader.values()[j], 0, values[j], (int) reader.firstRow(), reader.chunkRows());
                }
            }
            assertThat(reader.rowsRead()).isEqualTo(rows);
        }
        return values;
    }
}
