package dev.freshet.web.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.workflow.ParamSpec;
import dev.freshet.engine.workflow.ParamType;
import dev.freshet.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A submitted trigger form read as a run's conf. An empty input keeps the workflow's default. Text is turned into
 * the param's type where the form cannot say it (JSON for arrays and objects, numbers for a param written as
 * {@code alpha: 0.5}); the engine then checks every value against its spec and names the param in its error.
 */
final class TriggerForm {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TriggerForm() {}

    /** The submitted text of each param, by name. */
    static Map<String, String> submitted(Workflow workflow, Map<String, List<String>> form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String name : workflow.params().keySet()) {
            List<String> given = form.get(ParamField.PREFIX + name);
            if (given != null && !given.isEmpty()) {
                values.put(name, given.get(0));
            }
        }
        return values;
    }

    static Map<String, Object> conf(Workflow workflow, Map<String, String> submitted) {
        Map<String, Object> conf = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (ParamSpec spec : workflow.params().values()) {
            String raw = submitted.get(spec.name());
            if (raw == null || raw.isBlank()) {
                if (spec.defaultValue() == null) {
                    problems.add(spec.name() + ": required (this param has no default)");
                }
                continue;
            }
            try {
                conf.put(spec.name(), value(spec, raw.strip()));
            } catch (InvalidInputException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("; ", problems));
        }
        return conf;
    }

    private static Object value(ParamSpec spec, String raw) {
        for (Object allowed : spec.enumValues()) {
            if (ParamField.text(allowed).equals(raw)) {
                return allowed;
            }
        }
        ParamType type = ParamField.effectiveType(spec);
        if (type == ParamType.ARRAY || type == ParamType.OBJECT) {
            try {
                return JSON.readValue(raw, Object.class);
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(spec.name() + ": not valid JSON: " + e.getOriginalMessage());
            }
        }
        if (spec.type() != null || type == null) {
            return raw; // typed: the engine reads the text as the declared type and checks it
        }
        try {
            return switch (type) {
                case INTEGER -> Long.parseLong(raw);
                case NUMBER -> Double.parseDouble(raw);
                case BOOLEAN ->
                    raw.equalsIgnoreCase("true") ? Boolean.TRUE : raw.equalsIgnoreCase("false") ? Boolean.FALSE : raw;
                default -> raw;
            };
        } catch (NumberFormatException e) {
            throw new InvalidInputException(spec.name() + ": '" + raw + "' is not a " + type.yamlName());
        }
    }
}
