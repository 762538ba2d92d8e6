package dev.freshet.engine.run;

import org.junit.jupiter.api.Test;

import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A task's values rendered as templates; Pebble is loaded only when a value holds one. */
class TemplateRendererTest {
    @Test
    void valuesWithTemplatesAreRenderedAndTheOthersKeptAsTheyAre() {
        Map<String, Object> rendered = new TemplateRenderer()
                .render(
                        "t",
                        Map.of(
                                "alpha",
                                "{{ params.alpha }}",
                                "plain",
                                "no { template } here",
                                "command",
                                "echo {{ params.who }}",
                                "list",
                                List.of("{{ params.alpha }}", 3)),
                        Map.of("params", Map.of("alpha", 0.5, "who", "a b")),
                        Set.of("command"));

        assertThat(rendered)
                .containsEntry("alpha", "0.5")
                .containsEntry("plain", "no { template } here")
                .containsEntry("command", "echo 'a b'")
                .containsEntry("list", List.of("0.5", 3));
    }

    @Test
    void pebbleIsLoadedOnlyWhenAValueHoldsATemplate() throws Exception {
        try (Isolated loader = new Isolated()) {
            Object renderer = loader.loadClass(TemplateRenderer.class.getName())
                    .getConstructor()
                    .newInstance();
            Method render = renderer.getClass().getMethod("render", String.class, Map.class, Map.class);

            render.invoke(renderer, "t", Map.of("path", "data.csv", "rows", 10), Map.of());
            assertThat(loader.loaded("io.pebbletemplates.pebble.PebbleEngine")).isFalse();

            assertThat(render.invoke(renderer, "t", Map.of("path", "{{ name }}.csv"), Map.of("name", "data")))
                    .isEqualTo(Map.of("path", "data.csv"));
            assertThat(loader.loaded("io.pebbletemplates.pebble.PebbleEngine")).isTrue();
        }
    }

    /** The test's class path in a loader of its own, which says which classes it has loaded. */
    private static final class Isolated extends URLClassLoader {
        Isolated() {
            super(classPath(), ClassLoader.getPlatformClassLoader());
        }

        boolean loaded(String name) {
            return findLoadedClass(name) != null;
        }

        private static URL[] classPath() {
            return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                    .map(entry -> {
                        try {
                            return Path.of(entry).toUri().toURL();
                        } catch (java.net.MalformedURLException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toArray(URL[]::new);
        }
    }
}
