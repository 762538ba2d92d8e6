package dev.freshet.engine.workflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.freshet.engine.workflow.Fixtures.PARSER;
import static dev.freshet.engine.workflow.Fixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** Workflow files at the edges: oversized files, too many tasks, ids that would be path tricks. */
class WorkflowLimitsTest {
    @TempDir
    Path dir;

    @Test
    void aFileOverTheSizeLimitIsRefusedBeforeItIsReadAndTheOthersLoad() throws IOException {
        Path big = dir.resolve("big.yaml");
        try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
            file.write("id: big\ntasks:\n".getBytes());
            file.setLength(50L * 1024 * 1024);
        }
        Files.writeString(dir.resolve("small.yaml"), "id: small\ntasks: [{id: a, type: noop}]\n");
        WorkflowCatalog catalog = new WorkflowCatalog(dir, PARSER);

        // Parsing 50 MB of YAML takes minutes; a refusal by size is immediate.
        WorkflowCatalog.ReloadResult result = assertTimeoutPreemptively(Duration.ofSeconds(5), catalog::reload);

        assertThat(result.added()).containsExactly("small");
        assertThat(result.errors().get(big))
                .extracting(Problem::toString)
                .containsExactly(
                        big + ": the file is 52428800 bytes; a workflow file may be at most 3145728 bytes (3 MiB)");
    }

    @Test
    void textOverTheSizeLimitIsRefusedBeforeItIsParsed() {
        String yaml = "id: big\ndescription: " + "x".repeat(4 * 1024 * 1024) + "\ntasks: [{id: a, type: noop}]\n";
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> problems(yaml)))
                .singleElement()
                .asString()
                .startsWith("workflows/x.yaml: the file is ")
                .endsWith("at most 3145728 bytes (3 MiB)");
    }

    @Test
    void aWorkflowOfMoreThanTheMostTasksIsRefusedAtTheFirstTaskTooMany() {
        assertThat(problems(noopTasks(10_000, false)))
                .containsExactly("workflows/x.yaml:" + (Workflow.MAX_TASKS + 3)
                        + ":5: the workflow has 10000 tasks; a workflow may" + " have at most " + Workflow.MAX_TASKS);
    }

    @Test
    void aLongChainIsRefusedByTheTaskLimitNotByNesting() {
        assertThat(problems(noopTasks(5_000, true)))
                .singleElement()
                .asString()
                .endsWith(": the workflow has 5000 tasks; a workflow may have at most " + Workflow.MAX_TASKS);
    }

    @Test
    void aChainOfTheMostTasksLoads() {
        Workflow workflow = PARSER.parse(noopTasks(Workflow.MAX_TASKS, true), "workflows/x.yaml");
        assertThat(workflow.tasks()).hasSize(Workflow.MAX_TASKS);
    }

    @Test
    void dotAndDotDotAreRefusedAsTaskAndWorkflowIds() {
        assertThat(problems("""
                id: flow
                tasks:
                  - {id: .., type: noop}
                  - {id: ., type: noop}
                  - {id: a..b, type: noop}
                """))
                .containsExactly(
                        "workflows/x.yaml:3:10: task id '..' is not allowed: '.' and '..' name folders in file paths",
                        "workflows/x.yaml:4:10: task id '.' is not allowed: '.' and '..' name folders in file paths");
        assertThat(problems("""
                id: ..
                tasks: [{id: a, type: noop}]
                """))
                .containsExactly(
                        "workflows/x.yaml:1:5: workflow id '..' is not allowed: '.' and '..' name folders in file paths");
        assertThat(problems("""
                id: flow
                tasks: [{id: a/b, type: noop}]
                """))
                .containsExactly(
                        "workflows/x.yaml:2:14: task id 'a/b' may only contain letters, digits, '_', '.' and '-'");
    }

    /** A workflow {@code x} of {@code count} noop tasks, one a line from line 3; each needs the one before in a chain. */
    private static String noopTasks(int count, boolean chain) {
        StringBuilder yaml = new StringBuilder("id: x\ntasks:\n");
        for (int i = 0; i < count; i++) {
            yaml.append("  - {id: t")
                    .append(i)
                    .append(", type: noop")
                    .append(chain && i > 0 ? ", needs: [t" + (i - 1) + "]" : "")
                    .append("}\n");
        }
        return yaml.toString();
    }
}
