package dev.freshet.engine.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON Schema for editors says what the parser accepts: the same keys, the same trigger rules. */
class WorkflowSchemaTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final JsonNode schema = read(WorkflowSchema.json(List.of("noop", "shell")));

    @Test
    void namesExactlyTheKeysTheParserAccepts() {
        assertThat(names(schema.get("properties"))).containsExactlyInAnyOrderElementsOf(WorkflowReader.TOP_LEVEL_KEYS);
        assertThat(names(schema.at("/definitions/task/properties")))
                .containsExactlyInAnyOrderElementsOf(TaskReader.TASK_KEYS);
        assertThat(names(schema.at("/properties/defaults/properties")))
                .containsExactlyInAnyOrderElementsOf(WorkflowReader.DEFAULTS_KEYS);
        assertThat(names(schema.at("/definitions/typedParam/properties")))
                .containsExactlyInAnyOrderElementsOf(WorkflowReader.TYPED_PARAM_KEYS);
    }

    @Test
    void listsEveryTriggerRuleAndTheInstalledTaskTypes() {
        List<String> rules = new ArrayList<>();
        schema.at("/definitions/triggerRule/enum").forEach(n -> rules.add(n.asText()));
        assertThat(rules)
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(TriggerRule.values())
                        .map(TriggerRule::yamlName)
                        .toList());
        assertThat(schema.at("/definitions/task/properties/type/enum").toString())
                .isEqualTo("[\"noop\",\"shell\"]");
    }

    @Test
    void acceptsAValidWorkflowAndFlagsAMisspeltKey() throws Exception {
        JsonSchema validator =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(schema);
        JsonNode good = new YAMLMapper().readTree("""
                id: good
                schedule: "@daily"
                params: {alpha: {type: number, default: 0.5}, beta: 2}
                defaults: {retries: 2, retry_delay: 30s}
                tasks:
                  - {id: a, type: noop}
                  - {id: b, type: shell, needs: [a], trigger_rule: all_done, with: {command: "true"}}
                """);
        JsonNode bad = new YAMLMapper().readTree("""
                id: bad
                taks: []
                tasks:
                  - {id: a, type: noop, trigger_rule: sometimes}
                """);

        assertThat(validator.validate(good)).isEmpty();
        assertThat(validator.validate(bad))
                .extracting(Object::toString)
                .anyMatch(m -> m.contains("taks"))
                .anyMatch(m -> m.contains("trigger_rule"));
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
