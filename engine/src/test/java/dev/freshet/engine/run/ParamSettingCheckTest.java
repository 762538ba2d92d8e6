package dev.freshet.engine.run;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.task.SettingType;
import dev.freshet.engine.task.TaskContext;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.engine.task.TaskTypeRegistry;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamSettingCheckTest {
    /** A task type whose settings have types, as train.elasticnet's do. */
    private static final TaskType FIT = new TaskType() {
        @Override
        public String type() {
            return "fit";
        }

        @Override
        public TaskResult run(TaskContext context) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, SettingType> settingTypes() {
            return Map.of(
                    "alpha", SettingType.NUMBER, "max_iter", SettingType.INTEGER, "positive", SettingType.BOOLEAN);
        }
    };

    private static final Workflow WORKFLOW = new WorkflowParser(List.of("fit")).parse("""
            id: fitting
            params: {alpha: 0.5, iterations: 10, positive: false, note: hi}
            tasks:
              - id: train
                type: fit
                with:
                  alpha: "{{ params.alpha }}"
                  max_iter: "{{params.iterations}}"
                  positive: "{{ params.positive }}"
                  label: "{{ params.note }}"
            """, "fitting.yaml");
    private static final ParamSettingCheck CHECK = new ParamSettingCheck(new TaskTypeRegistry(List.of(FIT)));

    @Test
    void valuesThatReadAsTheSettingsTypesPass() {
        assertThatCode(() -> CHECK.check(
                        WORKFLOW, Map.of("alpha", "0.25", "iterations", 20L, "positive", "true", "note", "anything")))
                .doesNotThrowAnyException();
    }

    @Test
    void everyValueOfTheWrongTypeIsNamedWithTheTaskAndSettingItFills() {
        assertThatThrownBy(() -> CHECK.check(WORKFLOW, Map.of("alpha", "abc", "iterations", 2.5, "positive", "maybe")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("conf.alpha: must be a number, got 'abc' (task 'train' reads it as its fit "
                        + "setting 'alpha')")
                .hasMessageContaining("conf.iterations: must be a whole number, got '2.5'")
                .hasMessageContaining("conf.positive: must be true or false, got 'maybe'");
    }
}
