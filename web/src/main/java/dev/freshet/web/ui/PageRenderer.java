package dev.freshet.web.ui;

import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;
import io.pebbletemplates.pebble.template.PebbleTemplate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders the Pebble templates under {@code templates/} on the classpath. Auto-escaping is on for every
 * expression: workflow ids, params, errors and logs all come from people or files and are shown escaped.
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
                .strictVariables(false)
                .newLineTrimming(true)
                .build();
    }

    public String render(String template, Map<String, Object> model) {
        PebbleTemplate compiled = pebble.getTemplate(template);
        StringWriter out = new StringWriter();
        try {
            compiled.evaluate(out, model);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render " + template, e);
        }
        return out.toString();
    }
}
