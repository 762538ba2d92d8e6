package dev.freshet.tasks.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataValidatorTest {

    @TempDir
    Path dir;

    @Test
    void wineTrainingDataPassesEveryCheck() {
        DataValidator validator = new DataValidator(new DataRequirements(List.of("pH", "alcohol", "quality"), 1000));

        ValidationReport report = validator.validate(Path.of("../workflows/data/wine-quality/white-train.csv"));

        assertThat(report.passed()).isTrue();
        assertThat(report.failures()).isEmpty();
        assertThat(report.checks()).extracting(Check::name).containsExactly(
                "csv_format", "required_column", "required_column", "required_column",
                "numeric", "numeric", "numeric", "numeric", "numeric", "numeric",
                "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "min_rows");
        assertThat(report.checks().get(report.checks().size() - 1).value()).isEqualTo(3673.0);
    }

    @Test
    void failsAMissingRequiredColumn() throws IOException {
        ValidationReport report = validate("a,b\n1,2\n", List.of("a", "quality"), 1);

        assertThat(report.passed()).isFalse();
        assertThat(report.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("required_column");
            assertThat(check.column()).isEqualTo("quality");
            assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
            assertThat(check.message()).isEqualTo("column 'quality' is missing (columns: [a, b])");
        });
    }

    @Test
    void failsNonNumericValuesNamingLinesAndCount() throws IOException {
        StringBuilder csv = new StringBuilder("a,pH\n");
        for (int i = 0; i < 7; i++) {
            csv.append("1,").append(i % 2 == 0 ? "abc" : "3.1").append('\n'); // bad at lines 2, 4, 6, 8
        }
        csv.append("1,nan\n"); // line 9
        csv.append("1,\n");    // line 10

        ValidationReport report = validate(csv.toString(), List.of(), 1);

        assertThat(report.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("numeric");
            assertThat(check.column()).isEqualTo("pH");
            assertThat(check.value()).isEqualTo(6.0);
            assertThat(check.threshold()).isEqualTo(0.0);
            assertThat(check.message()).isEqualTo("6 value(s) are not finite numbers: "
                    + "line 2: 'abc' is not a number; line 4: 'abc' is not a number; "
                    + "line 6: 'abc' is not a number; line 8: 'abc' is not a number; "
                    + "line 9: 'nan' is not a finite number (and 1 more)");
        });
    }

    @Test
    void failsTooFewRows() throws IOException {
        ValidationReport report = validate("a,b\n1,2\n3,4\n", List.of(), 3);

        assertThat(report.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("min_rows");
            assertThat(check.column()).isNull();
            assertThat(check.value()).isEqualTo(2.0);
            assertThat(check.threshold()).isEqualTo(3.0);
            assertThat(check.message()).isEqualTo("2 data rows, at least 3 required");
        });
    }

    @Test
    void failsRaggedRows() throws IOException {
        ValidationReport report = validate("a,b\n1,2\n3\n4,5,6\n", List.of(), 1);

        assertThat(report.failures()).singleElement().satisfies(check -> {
            assertThat(check.name()).isEqualTo("csv_format");
            assertThat(check.value()).isEqualTo(2.0);
            assertThat(check.message()).contains("x.csv:3: row has 1 values, the header has 2",
                    "x.csv:4: row has 3 values, the header has 2");
        });
    }

    @Test
    void failsAnEmptyFileOnFormatColumnsAndRows() throws IOException {
        ValidationReport report = validate("", List.of("a"), 1);

        assertThat(report.failures()).extracting(Check::name)
                .containsExactly("csv_format", "required_column", "min_rows");
        assertThat(report.failures().get(0).message()).contains("file is empty");
    }

    @Test
    void reportRoundTripsThroughJson() throws IOException {
        ValidationReport report = validate("a,b\n1,x\n", List.of("a"), 5);

        String json = report.toJson();
        JsonNode tree = new ObjectMapper().readTree(json);

        assertThat(tree.get("passed").asBoolean()).isFalse();
        assertThat(tree.get("source").asText()).endsWith("x.csv");
        JsonNode numericB = tree.get("checks").get(3);
        assertThat(numericB.get("name").asText()).isEqualTo("numeric");
        assertThat(numericB.get("column").asText()).isEqualTo("b");
        assertThat(numericB.get("verdict").asText()).isEqualTo("fail");
        assertThat(numericB.get("value").asDouble()).isEqualTo(1.0);
        assertThat(tree.get("checks").get(0).get("column").isNull()).isTrue();
        assertThat(ValidationReport.fromJson(json)).isEqualTo(report);
    }

    @Test
    void rejectsImpossibleRequirements() {
        assertThatThrownBy(() -> new DataRequirements(List.of(), -1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("min_rows");
        assertThatThrownBy(() -> new DataRequirements(List.of(" "), 1))
                .isInstanceOf(InvalidInputException.class);
    }

    private ValidationReport validate(String csv, List<String> required, int minRows) throws IOException {
        Path file = Files.writeString(dir.resolve("x.csv"), csv);
        return new DataValidator(new DataRequirements(required, minRows)).validate(file);
    }
}
