package dev.freshet.web.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.web.SecurityHeaders;
import dev.freshet.web.WebjarAssets;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The hand-written OpenAPI document ({@code openapi/freshet-api.yaml}, served as JSON at
 * {@code /api/v1/openapi.json}) and Swagger UI at {@code /api/docs}, from the swagger-ui webjar. A test checks that
 * every registered route is in the document and every documented route exists.
 */
public final class OpenApiRoutes {
    static final String RESOURCE = "/openapi/freshet-api.yaml";

    private final String json;
    private final String docsPage;

    public OpenApiRoutes() {
        this.json = toJson();
        String ui = WebjarAssets.swaggerUi();
        this.docsPage = """
                <!doctype html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <title>Freshet REST API</title>
                <link rel="stylesheet" href="%1$s/swagger-ui.css">
                <link rel="stylesheet" href="/public/swagger.css">
                </head>
                <body>
                <div class="topbar-freshet"><a href="/workflows">&larr; Freshet</a></div>
                <div id="swagger-ui"></div>
                <script src="%1$s/swagger-ui-bundle.js"></script>
                <script src="/public/swagger-init.js"></script>
                </body>
                </html>
                """.formatted(ui);
    }

    public void register(JavalinDefaultRouting routes) {
        routes.get(
                "/api/v1/openapi.json",
                ctx -> ctx.contentType("application/json").result(json));
        routes.get("/api/docs", this::docs);
    }

    private void docs(Context ctx) {
        SecurityHeaders.apply(ctx);
        ctx.html(docsPage);
    }

    private static String toJson() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            Object document = new Load(LoadSettings.builder().build()).loadFromInputStream(in);
            // a plain mapper: the document's own keys must not be renamed to snake_case
            return new ObjectMapper().writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + RESOURCE + " as JSON", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
