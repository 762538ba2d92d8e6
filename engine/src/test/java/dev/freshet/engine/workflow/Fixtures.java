package dev.freshet.engine.workflow;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

final class Fixtures {
    static final Set<String> TASK_TYPES =
            Set.of("ingest.csv", "validate.data", "train.elasticnet", "evaluate.regression", "promote.model", "noop");

    static final WorkflowParser PARSER = new WorkflowParser(TASK_TYPES);

    private Fixtures() {}

    /** A file under src/test/resources/workflows/. */
    static Path workflowFile(String name) {
        URL url = Fixtures.class.getResource("/workflows/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test fixture workflows/" + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The formatted problems of parsing {@code yaml} as workflows/x.yaml; fails if it parses. */
    static List<String> problems(String yaml) {
        try {
            Workflow workflow = PARSER.parse(yaml, "workflows/x.yaml");
            throw new AssertionError("expected problems, but it parsed: " + workflow);
        } catch (WorkflowValidationException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
    }
}
