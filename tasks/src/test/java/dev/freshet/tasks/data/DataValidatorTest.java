package dev.freshet.tasks.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.drift.DriftRules;
import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every kind of check the gate makes, held and not held, and what its messages name. */
class DataValidatorTest {

    private static final Path WINE = Path.of("../workflows/data/wine-quality/white-train.csv");
    private static final CsvTableReader READER = new CsvTableReader();

    @TempDir
    Path dir;

    @Test
    void wineTrainingDataPassesADeclaredSchemaWithoutWarnings() {
        Schema schema = new Schema(List.of(
                new ColumnSchema("quality", ColumnType.INTEGER, true, 0.0, 10.0),
                new ColumnSchema("pH", ColumnType.NUMBER, true, 2.0, 5.0),
                new ColumnSchema("alcohol", ColumnType.NUMBER, true, 5.0, 20.0)));

        ValidationReport report = new DataValidator(ValidationRules.DEFAULTS.withMinRows(1000))
                .validate(input(READER.scanValues(WINE), schema, false, List.of(), null));

        assertThat(report.passed()).isTrue();
        assertThat(report.failures()).isEmpty();
        assertThat(report.warnings()).isEmpty();
        assertThat(report.named("column_present")).hasSize(3).allMatch(Check::passed);
        assertThat(report.named("column_type")).hasSize(12).allMatch(Check::passed);
        assertThat(report.named("value_range")).extracting(Check::column).containsExactly("pH", "alcohol", "quality");
        assertThat(report.named("null_fraction")).hasSize(12).allMatch(Check::passed);
        assertThat(report.named("min_rows"))
                .singleElement()
                .satisfies(c -> assertThat(c.value()).isEqualTo(3673.0));
        assertThat(report.named("duplicate_rows")).singleElement().satisfies(c -> {
            assertThat(c.verdict()).isEqualTo(Verdict.PASS);
            assertThat(c.threshold()).isNull();
            assertThat(c.message()).endsWith("repeat an earlier row (no limit set)");
        });
        assertThat(report.named("dataset_drift"))
                .singleElement()
                .satisfies(c -> assertThat(c.verdict()).isEqualTo(Verdict.SKIP));
    }

    @Test
    void raggedRowsFailTheFormatCheckNamingTheirLines() throws IOException {
        ValidationReport report = validate("a,b\n1,2\n3\n4,5,6\n", Schema.EMPTY, ValidationRules.DEFAULTS);

        assertThat(report.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("csv_format");
            assertThat(check.value()).isEqualTo(2.0);
            assertThat(check.message())
                    .contains(
                            "x.csv:3: row has 1 values, the header has 2",
                            "x.csv:4: row has 3 values, the header has 2");
        });
    }

    @Test
    void aMissingRequiredColumnFailsNamingItAndTheColumnsThereAre() throws IOException {
        ValidationReport report = validate("a,b\n1,2\n", schemaOf("a", "quality"), ValidationRules.DEFAULTS);

        assertThat(report.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("column_present");
            assertThat(check.column()).isEqualTo("quality");
            assertThat(check.severity()).isEqualTo(Severity.FAIL);
            assertThat(check.message()).isEqualTo("column 'quality' is missing (columns: [a, b])");
        });
    }

    @Test
    void aColumnOutsideAKnownSchemaOnlyWarns() throws IOException {
        ValidationReport report = new DataValidator(ValidationRules.DEFAULTS)
                .validate(input(scan("a,b,extra\n1,2,3\n"), schemaOf("a", "b"), true, List.of(), null));

        assertThat(report.passed()).isTrue();
        assertThat(report.warnings()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("column_expected");
            assertThat(check.column()).isEqualTo("extra");
            assertThat(check.message()).contains("not in the schema [a, b]");
        });
    }

    @Test
    void textInANumericColumnFailsNamingLinesRowsAndTheExactCount() throws IOException {
        StringBuilder csv = new StringBuilder("a,pH\n");
        for (int i = 0; i < 7; i++) {
            csv.append("1,").append(i % 2 == 0 ? "abc" : "3.1").append('\n'); // text at lines 2, 4, 6, 8
        }
        csv.append("1,inf\n"); // line 9
        csv.append("1,x\n"); // line 10

        ValidationReport report = validate(csv.toString(), Schema.EMPTY, ValidationRules.DEFAULTS);

        assertThat(report.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("column_type");
            assertThat(check.column()).isEqualTo("pH");
            assertThat(check.value()).isEqualTo(6.0);
            assertThat(check.message())
                    .startsWith("6 value(s) are not of type number: ")
                    .contains(
                            file("x.csv") + ":2 (row 1): 'abc' is not a number",
                            file("x.csv") + ":8 (row 7): 'abc' is not a number",
                            file("x.csv") + ":9 (row 8): 'inf' is not a finite number")
                    .endsWith("(and 1 more)");
        });
    }

    @Test
    void aFractionInAnIntegerColumnFailsItsType() throws IOException {
        Schema schema = new Schema(List.of(new ColumnSchema("quality", ColumnType.INTEGER, true, null, null)));

        ValidationReport report = validate("quality\n5\n6.5\n7\n", schema, ValidationRules.DEFAULTS);

        assertThat(report.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("column_type");
            assertThat(check.message())
                    .isEqualTo("1 value(s) are not of type integer: " + file("x.csv")
                            + ":3 (row 2): 6.5 is not a whole number");
        });
    }

    @Test
    void valuesOutsideTheirRangeFailNamingTheRows() throws IOException {
        Schema schema = new Schema(List.of(new ColumnSchema("pH", ColumnType.NUMBER, true, 2.0, 5.0)));

        ValidationReport report = validate("pH\n3.1\n45\n-1\n4.9\n", schema, ValidationRules.DEFAULTS);

        assertThat(report.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("value_range");
            assertThat(check.value()).isEqualTo(2.0);
            assertThat(check.message())
                    .isEqualTo("2 value(s) outside [2, 5]: " + file("x.csv") + ":3 (row 2): 45; " + file("x.csv")
                            + ":4 (row 3): -1");
        });
    }

    @Test
    void missingValuesFailAboveTheAllowedFractionAndPassBelowIt() throws IOException {
        String csv = "a,b\n1,\n2,NA\n3,4\n4,5\n";

        ValidationReport strict = validate(csv, Schema.EMPTY, ValidationRules.DEFAULTS);
        ValidationReport lenient =
                validate(csv, Schema.EMPTY, new ValidationRules(1, null, 0.5, null, DriftRules.DEFAULTS, Map.of()));

        assertThat(strict.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("null_fraction");
            assertThat(check.column()).isEqualTo("b");
            assertThat(check.value()).isEqualTo(0.5);
            assertThat(check.threshold()).isEqualTo(0.0);
            assertThat(check.message())
                    .startsWith("2 of 4 values (50%) are missing, at most 0% allowed: ")
                    .contains(file("x.csv") + ":3 (row 2): 'NA' marks a missing value");
        });
        assertThat(lenient.passed()).isTrue();
        assertThat(report(lenient, "null_fraction", "b").value()).isEqualTo(0.5);
    }

    @Test
    void duplicateRowsFailAboveTheLimitNamingWhichRowTheyRepeat() throws IOException {
        String csv = "a,b\n1,2\n3,4\n1,2\n1,2\n";

        ValidationReport report =
                validate(csv, Schema.EMPTY, new ValidationRules(1, null, 0.0, 0.25, DriftRules.DEFAULTS, Map.of()));

        assertThat(report.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("duplicate_rows");
            assertThat(check.value()).isEqualTo(0.5);
            assertThat(check.message())
                    .startsWith("2 of 4 rows (50%) repeat an earlier row, at most 25% allowed: ")
                    .contains(file("x.csv") + ":4 (row 3) repeats " + file("x.csv") + ":2 (row 1)");
        });
    }

    @Test
    void tooFewRowsFail() throws IOException {
        ValidationReport report = validate("a,b\n1,2\n3,4\n", Schema.EMPTY, ValidationRules.DEFAULTS.withMinRows(3));

        assertThat(report.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("min_rows");
            assertThat(check.column()).isNull();
            assertThat(check.value()).isEqualTo(2.0);
            assertThat(check.threshold()).isEqualTo(3.0);
            assertThat(check.message()).isEqualTo("2 data rows, at least 3 required");
        });
    }

    @Test
    void aBatchThatIsTooSmallFailsNamingItsFile() throws IOException {
        ScannedTable data = scan("a,b\n1,2\n3,4\n5,6\n");
        List<BatchSpan> batches = List.of(
                new BatchSpan("landing/day-1.csv", "s1", "2024-03-01T06:00:00Z", 2, 0, 2, 2),
                new BatchSpan("landing/day-2.csv", "s2", "2024-03-02T06:00:00Z", 1, 2, 4, 1));
        ValidationRules rules = new ValidationRules(1, 2, 0.0, null, DriftRules.DEFAULTS, Map.of());

        ValidationReport report = new DataValidator(rules)
                .validate(new ValidationInput(
                        data, Schema.EMPTY, false, new RowLocator(file("x.csv"), batches), batches, null, null));

        assertThat(report.named("batch_rows")).hasSize(2);
        assertThat(report.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("batch_rows");
            assertThat(check.message()).isEqualTo("landing/day-2.csv has 1 data rows, at least 2 required per batch");
            assertThat(check.details()).containsEntry("file", "landing/day-2.csv");
        });
    }

    @Test
    void problemsInAUnionAreNamedAtTheirBatchFileAndLine() throws IOException {
        ScannedTable data = scan("a,b\n1,2\n3,4\n5,x\n");
        List<BatchSpan> batches = List.of(
                new BatchSpan("landing/day-1.csv", "s1", "t", 2, 0, 2, 2),
                new BatchSpan("landing/day-2.csv", "s2", "t", 1, 2, 4, 1));

        ValidationReport report = new DataValidator(ValidationRules.DEFAULTS)
                .validate(new ValidationInput(
                        data, Schema.EMPTY, false, new RowLocator(file("x.csv"), batches), batches, null, null));

        assertThat(report.failures())
                .singleElement()
                .satisfies(check -> assertThat(check.message())
                        .isEqualTo(
                                "1 value(s) are not of type number: landing/day-2.csv:2 (row 1): 'x' is not a number"));
    }

    @Test
    void shiftedColumnsWarnAsDriftAndEnoughOfThemMakeTheDataSetDrift() throws IOException {
        Path reference = csv("ref.csv", 2000, 1, 0.0);
        Path current = csv("cur.csv", 2000, 2, 0.8);

        ValidationReport report = new DataValidator(ValidationRules.DEFAULTS)
                .validate(input(
                        READER.scanValues(current), Schema.EMPTY, false, List.of(), READER.scanValues(reference)));

        assertThat(report.passed()).isTrue();
        assertThat(report(report, "drift_ks", "shifted").verdict()).isEqualTo(Verdict.WARN);
        assertThat(report(report, "drift_ks", "shifted").value()).isLessThan(1e-6);
        assertThat(report(report, "drift_ks", "shifted").details()).containsKey("statistic");
        assertThat(report(report, "drift_psi", "shifted").verdict()).isEqualTo(Verdict.WARN);
        assertThat(report(report, "drift_psi", "shifted").value()).isGreaterThan(0.2);
        assertThat(report(report, "drift_ks", "steady").verdict()).isEqualTo(Verdict.PASS);
        assertThat(report(report, "drift_psi", "steady").verdict()).isEqualTo(Verdict.PASS);
        assertThat(report.named("dataset_drift")).singleElement().satisfies(check -> {
            assertThat(check.verdict()).isEqualTo(Verdict.WARN);
            assertThat(check.value()).isEqualTo(0.5);
            assertThat(check.details()).containsEntry("drifted_columns", List.of("shifted"));
            assertThat(check.message()).startsWith("1 of 2 columns drifted (50%), reaching");
        });
    }

    @Test
    void driftCanBeMadeToFailAndOtherChecksToOnlyWarn() throws IOException {
        Path reference = csv("ref.csv", 2000, 1, 0.0);
        Path current = csv("cur.csv", 2000, 2, 0.8);
        ValidationRules rules = new ValidationRules(
                1, null, 0.0, 0.0, DriftRules.DEFAULTS, Map.of("drift_ks", Severity.FAIL, "quality", Severity.WARN));

        ValidationReport report = new DataValidator(rules)
                .validate(input(
                        READER.scanValues(current), Schema.EMPTY, false, List.of(), READER.scanValues(reference)));

        assertThat(report.failures())
                .extracting(Check::name, Check::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("drift_ks", "shifted"));
        assertThat(report(report, "drift_psi", "shifted").verdict()).isEqualTo(Verdict.WARN);
        assertThat(report.named("min_rows").get(0).severity()).isEqualTo(Severity.WARN);
    }

    @Test
    void reportRoundTripsThroughJsonWithEveryCheckItsValueThresholdAndVerdict() throws IOException {
        ValidationReport report = validate("a,b\n1,x\n", Schema.EMPTY, ValidationRules.DEFAULTS.withMinRows(5));

        JsonNode tree = new ObjectMapper().readTree(report.toJson());

        assertThat(tree.get("passed").asBoolean()).isFalse();
        assertThat(tree.get("failed_checks").asInt()).isEqualTo(2);
        assertThat(tree.get("source").asText()).endsWith("x.csv");
        JsonNode typeB = tree.get("checks").get(2);
        assertThat(typeB.get("name").asText()).isEqualTo("column_type");
        assertThat(typeB.get("column").asText()).isEqualTo("b");
        assertThat(typeB.get("severity").asText()).isEqualTo("fail");
        assertThat(typeB.get("verdict").asText()).isEqualTo("fail");
        assertThat(typeB.get("value").asDouble()).isEqualTo(1.0);
        assertThat(typeB.get("threshold").asDouble()).isEqualTo(0.0);
        assertThat(ValidationReport.fromJson(report.toJson())).isEqualTo(report);
    }

    @Test
    void rejectsImpossibleRules() {
        assertThatThrownBy(() -> ValidationRules.DEFAULTS.withMinRows(-1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("min_rows");
        assertThatThrownBy(() -> new ValidationRules(1, null, 1.5, null, DriftRules.DEFAULTS, Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("max_null_fraction");
        assertThatThrownBy(() ->
                        new ValidationRules(1, null, 0, null, DriftRules.DEFAULTS, Map.of("drfit", Severity.FAIL)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown check or group 'drfit'");
        assertThatThrownBy(() -> new DriftRules(true, 0, 0.2, 0.5, 100, 10, List.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("p_value");
    }

    private ValidationReport validate(String csv, Schema schema, ValidationRules rules) throws IOException {
        return new DataValidator(rules).validate(input(scan(csv), schema, false, List.of(), null));
    }

    private ValidationInput input(
            ScannedTable data, Schema schema, boolean known, List<BatchSpan> batches, ScannedTable reference) {
        return new ValidationInput(
                data, schema, known, RowLocator.identity(data.scan().source()), batches, reference, "the reference");
    }

    private ScannedTable scan(String csv) throws IOException {
        return READER.scanValues(Files.writeString(dir.resolve("x.csv"), csv));
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private static Schema schemaOf(String... columns) {
        return new Schema(
                java.util.Arrays.stream(columns).map(ColumnSchema::number).toList());
    }

    private static Check report(ValidationReport report, String name, String column) {
        return report.named(name).stream()
                .filter(c -> column.equals(c.column()))
                .findFirst()
                .orElseThrow();
    }

    /** Columns "steady" (standard normal) and "shifted" (standard normal plus {@code shift}). */
    private Path csv(String name, int rows, long seed, double shift) throws IOException {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("steady,shifted\n");
        for (int i = 0; i < rows; i++) {
            text.append(random.nextGaussian())
                    .append(',')
                    .append(random.nextGaussian() + shift)
                    .append('\n');
        }
        return Files.writeString(dir.resolve(name), text.toString());
    }
}
