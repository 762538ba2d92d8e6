package dev.freshet.web.ui;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the Pebble templates under {@code templates/} on the classpath. Auto-escaping is on for every
 * expression: workflow ids, params, errors and logs all come from people or files and are shown escaped.
 *
 * <p>A page's model is one or more records: the template's variables are their components by name (Pebble reads
 * the nested records through their accessors). Variables are strict: a template that names a variable or attribute
 * the model does not have fails to render instead of rendering it empty, so an optional value is an explicit
 * {@code null} or empty component that the template tests.
 */
public final class PageRenderer {
    private final PebbleEngine pebble;

    public PageRenderer() {
        ClasspathLoader loader = new ClasspathLoader(PageRenderer.class.getClassLoader());
        loader.setPrefix("templates");
        loader.setSuffix(".peb");
        this.pebble = new PebbleEngine.Builder()
                .loader(loader)
                .autoEscaping(true)
                .defaultEscapingStrategy("html")
                .strictVariables(true)
                .newLineTrimming(true)
                .build();
    }

    /** Renders {@code template} with the components of {@code model}'s records as its variables. */
    public String render(String template, List<? extends Record> model) {
        PebbleTemplate compiled = pebble.getTemplate(template);
        StringWriter out = new StringWriter();
        try {
            compiled.evaluate(out, variables(template, model));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + template, e);
        }
        return out.toString();
    }

    /** The records' components by name; two records with a component of the same name are a mistake. */
    static Map<String, Object> variables(String template, List<? extends Record> model) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (Record part : model) {
            for (Component component : COMPONENTS.get(part.getClass())) {
                if (variables.containsKey(component.name())) {
                    throw new IllegalArgumentException("template " + template + ": the variable '" + component.name()
                            + "' is in two records of its model ("
                            + part.getClass().getSimpleName() + ")");
                }
                variables.put(component.name(), component.valueOf(part));
            }
        }
        return variables;
    }

    /** Each record class's components, looked up once: a page renders several records on every request. */
    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            return Arrays.stream(type.getRecordComponents())
                    .map(component -> {
                        Method accessor = component.getAccessor();
                        // Page records are package-private or nested; the accessor itself is public.
                        accessor.setAccessible(true);
                        return new Component(component.getName(), accessor);
                    })
                    .toList();
        }
    };

    private record Component(String name, Method accessor) {
        Object valueOf(Record part) {
            try {
                return accessor.invoke(part);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read " + accessor, e);
            } catch (InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + accessor, e.getCause());
            }
        }
    }
}
