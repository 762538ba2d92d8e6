package dev.freshet.engine.run;

import dev.freshet.engine.InvalidInputException;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.error.PebbleException;
import io.pebbletemplates.pebble.loader.StringLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a task's {@code with:} values as Pebble (Jinja-like) templates: {@code {{ params.alpha }}},
 * {@code {{ run.logical_date }}}, {@code {{ tasks.train.outputs.model_uri }}}. Undefined names are errors, so a typo
 * fails the task instead of rendering an empty string.
 */
public final class TemplateRenderer {
    private final PebbleEngine engine = new PebbleEngine.Builder()
            .loader(new StringLoader())
            .autoEscaping(false)
            .strictVariables(true)
            .newLineTrimming(false)
            .build();

    public Map<String, Object> render(String taskId, Map<String, Object> config, Map<String, Object> variables) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        config.forEach((key, value) -> rendered.put(key, renderValue(taskId, "with." + key, value, variables)));
        return rendered;
    }

    @SuppressWarnings("unchecked")
    private Object renderValue(String taskId, String field, Object value, Map<String, Object> variables) {
        if (value instanceof String text) {
            return text.contains("{{") || text.contains("{%") ? renderText(taskId, field, text, variables) : text;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, renderValue(taskId, field + "." + k, v, variables)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(renderValue(taskId, field + "[" + i + "]", list.get(i), variables));
            }
            return out;
        }
        return value;
    }

    private String renderText(String taskId, String field, String text, Map<String, Object> variables) {
        try {
            PebbleTemplate template = engine.getTemplate(text);
            StringWriter out = new StringWriter();
            template.evaluate(out, variables);
            return out.toString();
        } catch (PebbleException e) {
            throw new InvalidInputException("task '" + taskId + "': " + field + ": cannot render '" + text + "': "
                    + e.getPebbleMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
