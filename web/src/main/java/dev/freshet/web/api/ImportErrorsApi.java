package dev.freshet.web.api;

import dev.freshet.engine.Engine;
import dev.freshet.engine.workflow.Problem;
import dev.freshet.web.Paging;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/importErrors}: the workflow files that are broken now, as Airflow lists DAG files that failed
 * to import. A broken file's workflow, if it had loaded before, keeps running on that last good version.
 */
public final class ImportErrorsApi {
    private final Engine engine;

    public ImportErrorsApi(Engine engine) {
        this.engine = engine;
    }

    public void register(JavalinDefaultRouting routes) {
        routes.get("/api/v1/importErrors", this::list);
    }

    /**
     * One broken file: Airflow's fields ({@code stack_trace} holds the problems, one {@code file:line:column: message}
     * a line) and each problem on its own.
     */
    record ImportErrorView(
            int importErrorId, Instant timestamp, String filename, String stackTrace, List<ProblemView> problems) {}

    record ProblemView(int line, int column, String message) {}

    private void list(Context ctx) {
        Paging paging = Paging.from(ctx);
        List<ImportErrorView> all = new ArrayList<>();
        for (Map.Entry<Path, List<Problem>> file : engine.workflowErrors().entrySet()) {
            List<Problem> problems = file.getValue();
            all.add(new ImportErrorView(
                    all.size() + 1,
                    modified(file.getKey()),
                    file.getKey().toString(),
                    String.join("\n", problems.stream().map(Problem::toString).toList()),
                    problems.stream()
                            .map(p -> new ProblemView(p.line(), p.column(), p.message()))
                            .toList()));
        }
        ctx.json(CollectionBody.of("import_errors", paging.of(all), all.size()));
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return null;
        }
    }
}
