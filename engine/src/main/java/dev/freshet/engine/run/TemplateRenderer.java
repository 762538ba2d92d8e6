package dev.freshet.engine.run;

import dev.freshet.engine.error.InvalidInputException;
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
import java.util.Set;

/**
 * Renders a task's {@code with:} values as Pebble (Jinja-like) templates: {@code {{ params.alpha }}},
 * {@code {{ run.logical_date }}}, {@code {{ tasks.train.outputs.model_uri }}}. Undefined names are errors, so a typo
 * fails the task instead of rendering an empty string. In the fields a task type names as command lines
 * ({@link dev.freshet.engine.task.TaskType#shellQuotedFields()}) every value is shell-quoted.
 */
public final class TemplateRenderer {
    /**
     * Pebble's engines, built when a first value holds a template: most tries' values hold none, and building them
     * loads most of Pebble.
     */
    private static final class Engines {
        static final PebbleEngine PLAIN = new PebbleEngine.Builder()
                .loader(new StringLoader())
                .autoEscaping(false)
                .strictVariables(true)
                .newLineTrimming(false)
                .build();

        /** For the command lines of shell tasks: every printed value is shell-quoted unless it is {@code | raw}. */
        static final PebbleEngine SHELL = new PebbleEngine.Builder()
                .loader(new StringLoader())
                .autoEscaping(true)
                .addEscapingStrategy("shell", ShellQuoting::quote)
                .defaultEscapingStrategy("shell")
                .strictVariables(true)
                .newLineTrimming(false)
                .build();
    }

    public Map<String, Object> render(String taskId, Map<String, Object> config, Map<String, Object> variables) {
        return render(taskId, config, variables, Set.of());
    }

    /** As {@link #render(String, Map, Map)}; the fields named in {@code shellQuoted} are command lines. */
    public Map<String, Object> render(
            String taskId, Map<String, Object> config, Map<String, Object> variables, Set<String> shellQuoted) {
        Map<String, Object> rendered = new LinkedHashMap<>();
        config.forEach((key, value) ->
                rendered.put(key, renderValue(taskId, "with." + key, value, variables, shellQuoted.contains(key))));
        return rendered;
    }

    @SuppressWarnings("unchecked")
    private Object renderValue(
            String taskId, String field, Object value, Map<String, Object> variables, boolean shell) {
        if (value instanceof String text) {
            return text.contains("{{") || text.contains("{%")
                    ? renderText(taskId, field, text, variables, shell)
                    : text;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map)
                    .forEach((k, v) -> out.put(k, renderValue(taskId, field + "." + k, v, variables, shell)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                out.add(renderValue(taskId, field + "[" + i + "]", list.get(i), variables, shell));
            }
            return out;
        }
        return value;
    }

    private String renderText(String taskId, String field, String text, Map<String, Object> variables, boolean shell) {
        if (shell) {
            ShellQuoting.problem(text).ifPresent(problem -> {
                throw new InvalidInputException("task '" + taskId + "': " + field + ": " + problem);
            });
        }
        try {
            PebbleTemplate template = (shell ? Engines.SHELL : Engines.PLAIN).getTemplate(text);
            StringWriter out = new StringWriter();
            template.evaluate(out, variables);
            return out.toString();
        } catch (PebbleException e) {
            throw new InvalidInputException(
                    "task '" + taskId + "': " + field + ": cannot render '" + text + "': " + e.getPebbleMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
