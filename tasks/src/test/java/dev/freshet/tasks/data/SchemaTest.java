package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaTest {

    @TempDir
    Path dir;

    @Test
    void infersRequiredNumberColumnsAndIntegerGradesWithoutRanges() {
        Schema schema = Schema.infer(
                new CsvTableReader().scanValues(Path.of("../workflows/data/wine-quality/white-train.csv")));

        assertThat(schema.names()).hasSize(12).startsWith("fixed acidity").endsWith("quality");
        assertThat(schema.column("quality"))
                .hasValue(new ColumnSchema("quality", ColumnType.INTEGER, true, null, null));
        assertThat(schema.column("alcohol").orElseThrow().type()).isEqualTo(ColumnType.NUMBER);
        // whole numbers with many distinct values are a measurement, not a grade
        assertThat(schema.column("total sulfur dioxide").orElseThrow().type()).isEqualTo(ColumnType.NUMBER);
        assertThat(schema.columns()).noneMatch(ColumnSchema::hasRange);
    }

    @Test
    void declaredColumnsOverrideInferredOnesAndTheTargetIsAlwaysRequired() {
        Schema inferred = new Schema(List.of(ColumnSchema.number("a"), ColumnSchema.number("b")));
        Schema declared = new Schema(List.of(new ColumnSchema("b", ColumnType.NUMBER, false, 0.0, 1.0)));

        Schema merged = inferred.overriddenBy(declared).requiring("y");

        assertThat(merged.columns())
                .containsExactly(
                        ColumnSchema.number("a"),
                        new ColumnSchema("b", ColumnType.NUMBER, false, 0.0, 1.0),
                        ColumnSchema.number("y"));
        assertThat(merged.requiring("b").column("b").orElseThrow().required()).isTrue();
    }

    @Test
    void roundTripsThroughAJsonFile() throws Exception {
        Schema schema = new Schema(List.of(
                new ColumnSchema("pH", ColumnType.NUMBER, true, 2.0, 5.0),
                new ColumnSchema("quality", ColumnType.INTEGER, true, null, null)));
        Path file = dir.resolve("schema.json");

        schema.write(file);

        assertThat(Schema.read(file)).isEqualTo(schema);
        assertThat(Files.readString(file)).contains("\"type\" : \"integer\"").doesNotContain("\"min\" : null");
    }

    @Test
    void rejectsInconsistentSchemas() throws Exception {
        assertThatThrownBy(() -> new ColumnSchema("pH", ColumnType.NUMBER, true, 5.0, 2.0))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("min 5.0 is above max 2.0");
        assertThatThrownBy(() -> new Schema(List.of(ColumnSchema.number("a"), ColumnSchema.number("a"))))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> ColumnType.fromJson("text")).hasMessageContaining("use number or integer");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"columns\": [{\"name\": \"a\", \"typo\": 1}]}");
        assertThatThrownBy(() -> Schema.read(broken)).hasMessageStartingWith(broken + ": not a schema");
    }
}
