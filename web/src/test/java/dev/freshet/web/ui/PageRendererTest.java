package dev.freshet.web.ui;

import dev.freshet.web.Problem;
import io.pebbletemplates.pebble.error.PebbleException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Page models are records, and a template that names a variable its model lacks fails instead of rendering empty. */
class PageRendererTest {
    private static final PageRenderer RENDERER = new PageRenderer();
    private static final Problem PROBLEM = Problem.of(404, "run 'x' does not exist");

    @Test
    void aPageRendersTheComponentsOfItsRecordsAndTheLayoutsLinkComesBackHere() {
        Layout layout = new Layout("", "/htmx.js", false, "", null, "/runs/x?tab=log");

        String html = RENDERER.render("error", List.of(layout, new Pages.ErrorBody(PROBLEM)));

        assertThat(html)
                .contains("<h1>404 <small>Not Found</small></h1>")
                .contains("run &#39;x&#39; does not exist")
                .contains("href=\"/login?next=%2Fruns%2Fx%3Ftab%3Dlog\"");
    }

    @Test
    void aVariableTheModelDoesNotHaveFailsTheRenderingNamingIt() {
        // The error page without its layout: layout.peb's variables are missing.
        assertThatThrownBy(() -> RENDERER.render("error", List.of(new Pages.ErrorBody(PROBLEM))))
                .isInstanceOf(PebbleException.class)
                .hasMessageContaining("htmx")
                .hasMessageContaining("strict variables");
    }

    @Test
    void anAttributeARecordDoesNotHaveFailsTheRendering() {
        record NotAProblem(String status) {}
        Layout layout = new Layout("", "/htmx.js", false, "", null, "/");

        assertThatThrownBy(() -> RENDERER.render("error", List.of(layout, new Holder(new NotAProblem("404")))))
                .isInstanceOf(PebbleException.class)
                .hasMessageContaining("title");
    }

    @Test
    void twoRecordsGivingTheSameVariableAreRefused() {
        Layout layout = new Layout("", "/htmx.js", false, "", null, "/");

        assertThatThrownBy(() -> RENDERER.render("error", List.of(layout, new Pages.ErrorBody(PROBLEM), layout)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nav'");
    }

    private record Holder(Record problem) {}
}
