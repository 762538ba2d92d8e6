package dev.freshet.tasks;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.task.TaskConfig;
import dev.freshet.tasks.data.CheckKind;
import dev.freshet.tasks.data.ColumnSchema;
import dev.freshet.tasks.data.ColumnType;
import dev.freshet.tasks.data.Severity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code with:} block of validate.data as a workflow author writes it, and the mistakes it names. */
class ValidationSettingsTest {

    @Test
    void readsLimitsSchemaDriftAndSeverities() {
        ValidationSettings settings = settings(Map.of(
                "min_rows",
                400,
                "min_batch_rows",
                200,
                "max_null_fraction",
                0.01,
                "max_duplicate_fraction",
                "0.25",
                "schema",
                Map.of("quality", Map.of("type", "integer", "min", 0, "max", 10), "pH", Map.of("max", 4.5)),
                "drift",
                Map.of("p_value", 0.05, "psi", 0.1, "share", 0.25, "columns", List.of("alcohol")),
                "severity",
                Map.of("drift", "fail", "duplicate_rows", "warn")));

        assertThat(settings.rules().minRows()).isEqualTo(400);
        assertThat(settings.rules().minBatchRows()).isEqualTo(200);
        assertThat(settings.rules().maxNullFraction()).isEqualTo(0.01);
        assertThat(settings.rules().maxDuplicateFraction()).isEqualTo(0.25);
        assertThat(settings.declaredSchema().column("quality"))
                .hasValue(new ColumnSchema("quality", ColumnType.INTEGER, true, 0.0, 10.0));
        assertThat(settings.declaredSchema().column("pH"))
                .hasValue(new ColumnSchema("pH", ColumnType.NUMBER, true, null, 4.5));
        assertThat(settings.rules().drift().pValue()).isEqualTo(0.05);
        assertThat(settings.rules().drift().columns()).containsExactly("alcohol");
        assertThat(settings.rules().severity(CheckKind.DRIFT_PSI)).isEqualTo(Severity.FAIL);
        assertThat(settings.rules().severity(CheckKind.DUPLICATE_ROWS)).isEqualTo(Severity.WARN);
        assertThat(settings.rules().severity(CheckKind.NULL_FRACTION)).isEqualTo(Severity.FAIL);
        assertThat(settings.driftReference()).isEqualTo("champion");
        assertThat(settings.model()).isEqualTo("wine");
    }

    @Test
    void driftCanBeSwitchedOff() {
        assertThat(settings(Map.of("drift", false)).rules().drift().enabled()).isFalse();
        assertThat(settings(Map.of()).rules().drift().enabled()).isTrue();
    }

    @Test
    void mistakesNameTheTaskAndTheField() {
        assertThatThrownBy(() -> settings(Map.of("max_nul_fraction", 0.1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("task 'validate': with.max_nul_fraction: unknown setting; known: [");
        assertThatThrownBy(() -> settings(Map.of("schema", Map.of("pH", Map.of("maximum", 4)))))
                .hasMessageStartingWith("task 'validate': with.schema.pH.maximum: unknown setting");
        assertThatThrownBy(() -> settings(Map.of("schema", Map.of("pH", Map.of("type", "text")))))
                .hasMessage("task 'validate': with.schema.pH: unknown column type 'text'; use number or integer");
        assertThatThrownBy(() -> settings(Map.of("schema", Map.of("pH", Map.of("min", 5, "max", 2)))))
                .hasMessage("task 'validate': with.schema.pH: column 'pH': min 5.0 is above max 2.0");
        assertThatThrownBy(() -> settings(Map.of("severity", Map.of("drift", "maybe"))))
                .hasMessage("task 'validate': with.severity.drift: unknown severity 'maybe'; use fail or warn");
        assertThatThrownBy(() -> settings(Map.of("severity", Map.of("drfit", "warn"))))
                .hasMessageStartingWith("task 'validate': with.severity.drfit: unknown check or group; known: [");
        assertThatThrownBy(() -> settings(Map.of("drift", Map.of("p_value", 2))))
                .hasMessage("task 'validate': with.drift: drift.p_value must be between 0 and 1, was 2.0");
        assertThatThrownBy(() -> settings(Map.of("min_rows", -1)))
                .hasMessage("task 'validate': with.min_rows: must be >= 0, was -1");
        assertThatThrownBy(() -> settings(Map.of("max_null_fraction", 1.5)))
                .hasMessage("task 'validate': with.max_null_fraction: must be a fraction in [0, 1], was 1.5");
    }

    private static ValidationSettings settings(Map<String, Object> with) {
        return ValidationSettings.of(new TaskConfig("validate", with), "wine");
    }
}
