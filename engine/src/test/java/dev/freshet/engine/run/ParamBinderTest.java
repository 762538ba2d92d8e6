package dev.freshet.engine.run;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.engine.workflow.WorkflowParser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamBinderTest {
    private static final Workflow WORKFLOW = new WorkflowParser(List.of("noop")).parse("""
            id: typed
            params:
              alpha: {type: number, default: 0.5, minimum: 0, maximum: 1}
              iterations: {type: integer, default: 10, minimum: 1}
              mode: {type: string, default: fast, enum: [fast, exact]}
              verbose: {type: boolean, default: false}
              plain: 3
            tasks:
              - {id: a, type: noop}
            """, "typed.yaml");

    @Test
    void defaultsApplyAndConfOverridesThem() {
        Map<String, Object> params = ParamBinder.bind(WORKFLOW, Map.of("alpha", 0.25));

        assertThat(params)
                .containsEntry("alpha", 0.25)
                .containsEntry("iterations", 10L)
                .containsEntry("mode", "fast")
                .containsEntry("verbose", false)
                .containsEntry("plain", 3L);
    }

    @Test
    void textFromAFormOrTheCommandLineIsReadAsTheDeclaredType() {
        Map<String, Object> params =
                ParamBinder.bind(WORKFLOW, Map.of("alpha", "0.75", "iterations", "20", "verbose", "true"));

        assertThat(params)
                .containsEntry("alpha", 0.75)
                .containsEntry("iterations", 20L)
                .containsEntry("verbose", true);
    }

    @Test
    void everyBadValueIsRefusedNamingItsField() {
        assertThatThrownBy(() -> ParamBinder.bind(WORKFLOW, Map.of("alpha", 1.5, "iterations", "many", "mode", "slow")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("conf.alpha")
                .hasMessageContaining("conf.iterations")
                .hasMessageContaining("conf.mode");
    }

    @Test
    void keysWithoutASpecPassThrough() {
        assertThat(ParamBinder.bind(WORKFLOW, Map.of("note", "hello"))).containsEntry("note", "hello");
    }
}
