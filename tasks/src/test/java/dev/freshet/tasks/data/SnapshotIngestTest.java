package dev.freshet.tasks.data;

import dev.freshet.engine.drift.DriftRules;
import dev.freshet.engine.error.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SnapshotIngestTest {

    private static final Instant DAY = Instant.parse("2024-03-01T05:00:00Z");

    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();
    private final SnapshotIngest ingest = new SnapshotIngest(log::add);

    @Test
    void parquetBatchesRoundTripWithTheirValuesAndNullsAndAWrongSchemaIsNamedWithItsFile() throws Exception {
        Path first = parquet("b1.parquet", "SELECT * FROM (VALUES (1.5, 2, 3.25), (-4.0, NULL, 5.5)) t(a, b, y)");
        Path second = parquet("b2.parquet", "SELECT * FROM (VALUES (7.0::FLOAT, 8::BIGINT, 9.0)) t(a, b, y)");
        Path snapshot = dir.resolve("data.parquet");

        SnapshotIngest.Result result = ingest.write(List.of(batch(first), batch(second)), null, snapshot);

        assertThat(result.manifest().rows()).isEqualTo(3);
        assertThat(result.manifest().columns()).containsExactly("a", "b", "y");
        try (SnapshotReader reader = SnapshotReader.open(snapshot)) {
            assertThat(reader.next()).isTrue();
            assertThat(reader.chunkRows()).isEqualTo(3);
            assertThat(reader.values()[0]).startsWith(1.5, -4.0, 7.0);
            assertThat(reader.values()[1][0]).isEqualTo(2.0);
            assertThat(reader.values()[1][1]).isNaN();
            assertThat(reader.values()[2]).startsWith(3.25, 5.5, 9.0);
        }
        CsvScan scan = result.scan().scan();
        assertThat(scan.cellCounts("b").missing()).isEqualTo(1);
        RowLocator rows = new RowLocator(snapshot.toString(), result.manifest().batches());
        assertThat(rows.describe(scan.issues().get(0).line(), 1)).isEqualTo(first + " (row 2)");

        Path wrong = parquet("b3.parquet", "SELECT * FROM (VALUES (1.0, 2.0, 3.0)) t(a, c, y)");
        assertThatThrownBy(() -> ingest.write(List.of(batch(first), batch(wrong)), null, snapshot))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(wrong + ": schema does not match the first batch's (" + first + "): missing 'b'; "
                        + "unexpected 'c'");
        Path text = parquet("b4.parquet", "SELECT * FROM (VALUES (1.0, 'x', 3.0)) t(a, b, y)");
        assertThatThrownBy(() -> ingest.write(List.of(batch(text)), null, snapshot))
                .hasMessage("cannot ingest " + text + ": column 'b' is of type VARCHAR; every column must hold "
                        + "numbers");
        Path csv = csv("b5.csv", "a,b,y\n1,2,3\n");
        assertThatThrownBy(() -> ingest.write(List.of(batch(csv), batch(first)), null, snapshot))
                .hasMessage("cannot ingest " + first + ": batches of one data set must all be CSV or all be Parquet");
    }

    @Test
    void aBadCsvRowIsStillReportedAtItsBatchFileAndLine() throws Exception {
        Path d1 = csv("d1.csv", "a,y\n1,2\n3,4\n");
        Path d2 = csv("d2.csv", "a,y\n5,6\nn.a.,8\n9,10\n");
        Path snapshot = dir.resolve("data.parquet");

        SnapshotIngest.Result result = ingest.write(List.of(batch(d1), batch(d2)), null, snapshot);

        assertThat(result.parser()).isEqualTo("lenient");
        ValidationReport report = new DataValidator(ValidationRules.DEFAULTS)
                .validate(new ValidationInput(
                        new SnapshotData(snapshot, result.scan(), Progress.silent()),
                        Schema.EMPTY,
                        false,
                        new RowLocator(snapshot.toString(), result.manifest().batches()),
                        result.manifest().batches(),
                        null,
                        null));
        assertThat(report.failures())
                .extracting(Check::describe)
                .anySatisfy(message -> assertThat(message).contains(d2 + ":3 (row 2): 'n.a.' is not a number"));
    }

    @Test
    void aLongCellIsKeptInTheScanByItsFirstHundredCharactersAndItsTrueLength() throws Exception {
        Path file = csv("long.csv", "a,y\n1,2\n" + "z".repeat(500) + ",3\n");

        SnapshotIngest.Result result = ingest.write(List.of(batch(file)), null, dir.resolve("long.parquet"));

        assertThat(result.scan().scan().issues()).singleElement().satisfies(issue -> {
            assertThat(issue.line()).isEqualTo(3);
            assertThat(issue.value()).isEqualTo("z".repeat(100) + "… (500 characters)");
        });
    }

    @Test
    void aRowIsOnTheSameSideOfTheSplitAsTheRowHashAlwaysPutIt() throws Exception {
        HoldoutSplit split = new HoldoutSplit(0.3, 7);
        StringBuilder regular = new StringBuilder("a, b ,y\n");
        Random random = new Random(3);
        for (int i = 0; i < 3000; i++) {
            regular.append(random.nextInt(20))
                    .append(i % 3 == 0 ? " , " : ",")
                    .append(i % 2 == 0 ? random.nextInt(5) + ".0" : String.valueOf(random.nextDouble()))
                    .append(',')
                    .append(random.nextInt(9))
                    .append('\n');
        }
        Path fast = csv("fast.csv", regular.toString());
        Path lenient = csv("lenient.csv", regular.toString().replace("\n1,", "\r\n1,") + "\n\"1\",2,3\n");

        for (Path file : List.of(fast, lenient)) {
            SnapshotIngest.Result result = ingest.write(List.of(batch(file)), split, dir.resolve("s.parquet"));
            List<Boolean> expected = new ArrayList<>();
            try (Reader reader = Files.newBufferedReader(file)) {
                boolean header = true;
                for (CSVRecord record : CSVFormat.DEFAULT
                        .builder()
                        .setIgnoreSurroundingSpaces(true)
                        .get()
                        .parse(reader)) {
                    if (!header) {
                        expected.add(split.isHoldout(record));
                    }
                    header = false;
                }
            }
            List<Boolean> recorded = new ArrayList<>();
            for (int row = 0; row < result.mask().rows(); row++) {
                recorded.add(result.mask().isHoldout(row));
            }
            assertThat(result.parser()).as(log.toString()).isEqualTo(file == fast ? "duckdb" : "lenient");
            assertThat(recorded).isEqualTo(expected);
        }
    }

    @Test
    void streamingStatisticsEqualTheInMemoryOnes() throws Exception {
        Random random = new Random(11);
        StringBuilder data = new StringBuilder("grade,x,z,y\n");
        StringBuilder reference = new StringBuilder("grade,x,z,y\n");
        for (int i = 0; i < 20_000; i++) {
            String row = random.nextInt(12) + ","
                    + (i % 5000 == 7 ? "NA" : String.format(Locale.ROOT, "%.3f", random.nextGaussian())) + ","
                    + (i % 997 == 0 ? "2.5" : String.valueOf(random.nextInt(4)))
                    + "," + String.format(Locale.ROOT, "%.2f", random.nextGaussian() * 3 + 1) + "\n";
            data.append(row);
            if (i % 3000 == 1) {
                data.append(row);
            }
            reference
                    .append(random.nextInt(10))
                    .append(',')
                    .append(random.nextGaussian() + 0.05)
                    .append(',')
                    .append(random.nextInt(4))
                    .append(',')
                    .append(random.nextGaussian() * 3)
                    .append('\n');
        }
        Path file = csv("data.csv", data.toString());
        Path referenceFile = csv("reference.csv", reference.toString());
        Schema schema = new Schema(List.of(
                new ColumnSchema("grade", ColumnType.INTEGER, true, 0.0, 10.0),
                new ColumnSchema("z", ColumnType.INTEGER, true, null, null),
                new ColumnSchema("x", ColumnType.NUMBER, true, -3.0, 3.0)));
        ValidationRules rules = new ValidationRules(
                1, null, 0.0, 0.1, new DriftRules(true, 0.01, 0.2, 0.5, 1000, 10, List.of()), Map.of());
        CsvTableReader reader = new CsvTableReader();

        ScannedTable inMemory = reader.scanValues(file);
        DataValidator.Outcome expected = new DataValidator(rules)
                .run(new ValidationInput(
                        inMemory,
                        schema,
                        false,
                        RowLocator.identity(file.toString()),
                        List.of(),
                        reader.scanValues(referenceFile),
                        "reference"));

        Path snapshot = dir.resolve("data.parquet");
        SnapshotIngest.Result result = ingest.write(List.of(batch(file)), null, snapshot);
        Path referenceSnapshot = dir.resolve("reference.parquet");
        ingest.write(List.of(batch(referenceFile)), null, referenceSnapshot);
        DataValidator.Outcome streamed = new DataValidator(rules)
                .run(new ValidationInput(
                        new SnapshotData(snapshot, result.scan(), Progress.silent()),
                        schema,
                        false,
                        new RowLocator(snapshot.toString(), result.manifest().batches()),
                        List.of(),
                        SnapshotData.withoutScan(referenceSnapshot),
                        "reference"));

        assertThat(streamed.report().checks()).isEqualTo(expected.report().checks());
        assertThat(expected.report().failures())
                .extracting(Check::name)
                .contains("column_type", "value_range", "null_fraction");
        assertThat(Schema.infer(streamed.profile())).isEqualTo(Schema.infer(inMemory));
        for (String column : List.of("grade", "x", "z", "y")) {
            assertThat(streamed.profile().driftSample(column))
                    .hasSize(1000)
                    .isEqualTo(expected.profile().driftSample(column));
        }
    }

    private Path parquet(String name, String select) throws SQLException {
        Path file = dir.resolve(name);
        try (DuckDb db = DuckDb.open()) {
            db.execute("COPY (" + select + ") TO " + DuckDb.literal(file.toString()) + " (FORMAT parquet)");
        }
        return file;
    }

    private Path csv(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static BatchFile batch(Path file) {
        return new BatchFile(file, DAY);
    }
}
