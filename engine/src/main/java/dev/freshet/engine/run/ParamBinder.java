package dev.freshet.engine.run;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.workflow.ParamSpec;
import dev.freshet.engine.workflow.ParamType;
import dev.freshet.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a trigger's conf to the workflow's params: defaults first, the conf over them. A typed param accepts text
 * that reads as its type (a form or {@code -P key=value} sends text) and must meet its minimum, maximum and enum.
 * Every problem is reported at once, each naming its field, before a run exists. Keys without a spec pass through,
 * as in Airflow.
 */
final class ParamBinder {
    private ParamBinder() {}

    static Map<String, Object> bind(Workflow workflow, Map<String, Object> conf) {
        Map<String, Object> params = new LinkedHashMap<>(workflow.defaultParams());
        List<String> problems = new ArrayList<>();
        conf.forEach((key, raw) -> {
            ParamSpec spec = workflow.params().get(key);
            Object value = spec == null || spec.type() == null ? raw : coerce(spec.type(), raw);
            if (spec != null) {
                spec.violation(value).ifPresent(problem -> problems.add("conf." + key + ": " + problem));
            }
            params.put(key, value);
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException("workflow '" + workflow.id() + "': " + String.join("; ", problems));
        }
        return params;
    }

    private static Object coerce(ParamType type, Object raw) {
        if (!(raw instanceof String text)) {
            return type == ParamType.NUMBER && raw instanceof Number n ? n : raw;
        }
        String t = text.trim();
        try {
            return switch (type) {
                case NUMBER -> Double.parseDouble(t);
                case INTEGER -> Long.parseLong(t);
                case BOOLEAN ->
                    t.equalsIgnoreCase("true") ? Boolean.TRUE : t.equalsIgnoreCase("false") ? Boolean.FALSE : raw;
                default -> raw;
            };
        } catch (NumberFormatException e) {
            return raw;
        }
    }
}
