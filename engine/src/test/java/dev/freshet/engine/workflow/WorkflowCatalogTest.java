package dev.freshet.engine.workflow;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.NotFoundException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import static dev.freshet.engine.workflow.Fixtures.PARSER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WorkflowCatalogTest {
    @TempDir
    Path dir;

    @Test
    void loadsTheYamlFilesDirectlyInTheFolder() throws IOException {
        Path b = write("b.yaml", workflow("beta", "one"));
        Path a = write("a.yml", workflow("alpha", "one"));
        write("notes.txt", workflow("not-yaml", "one"));
        write(".draft.yaml", workflow("hidden", "one"));
        Files.createDirectories(dir.resolve("data"));
        write("data/nested.yaml", workflow("nested", "one"));
        WorkflowCatalog catalog = new WorkflowCatalog(dir, PARSER);

        WorkflowCatalog.ReloadResult result = catalog.reload();

        assertThat(result.added()).containsExactly("alpha", "beta");
        assertThat(result.errors()).isEmpty();
        assertThat(catalog.all()).extracting(Workflow::id).containsExactly("alpha", "beta");
        assertThat(catalog.get("beta")).map(Workflow::source).contains(b);
        assertThat(catalog.get("nested")).isEmpty();
        assertThat(catalog.byFile(a)).map(Workflow::id).contains("alpha");
        assertThat(catalog.byFile(dir.resolve("data/../a.yml")))
                .map(Workflow::id)
                .contains("alpha");
        assertThat(catalog.byFile(dir.resolve("notes.txt"))).isEmpty();
        assertThat(catalog.folder()).contains(dir);
    }

    @Test
    void aBrokenFileDoesNotKeepTheOthersFromLoading() throws IOException {
        write("good.yaml", workflow("good", "one"));
        Path broken = write("broken.yaml", """
                id: broken
                tasks:
                  - id: a
                    type: noop
                    needs: [ghost]
                """);
        WorkflowCatalog catalog = new WorkflowCatalog(dir, PARSER);

        WorkflowCatalog.ReloadResult result = catalog.reload();

        assertThat(catalog.all()).extracting(Workflow::id).containsExactly("good");
        assertThat(catalog.get("broken")).isEmpty();
        assertThat(catalog.errors()).containsOnlyKeys(broken);
        assertThat(catalog.errors().get(broken))
                .extracting(Problem::toString)
                .containsExactly(broken + ":5:13: task 'a' needs unknown task 'ghost'");
        assertThat(result.errors()).isEqualTo(catalog.errors());
    }

    @Test
    void keepsTheLastGoodVersionWhileAFileIsBroken() throws IOException {
        Path file = write("flow.yaml", workflow("flow", "first"));
        WorkflowCatalog catalog = new WorkflowCatalog(dir, PARSER);
        catalog.reload();

        write("flow.yaml", "id: flow\ntasks: [{id: a, type: noop\n");
        WorkflowCatalog.ReloadResult broken = catalog.reload();

        assertThat(catalog.get("flow")).map(Workflow::description).contains("first");
        assertThat(catalog.byFile(file)).map(Workflow::description).contains("first");
        assertThat(catalog.errors().get(file)).singleElement().asString().startsWith(file + ":3:1: YAML syntax error");
        assertThat(broken.changed()).isFalse();

        write("flow.yaml", workflow("flow", "second"));
        WorkflowCatalog.ReloadResult fixed = catalog.reload();

        assertThat(catalog.get("flow")).map(Workflow::description).contains("second");
        assertThat(catalog.errors()).isEmpty();
        assertThat(fixed.updated()).containsExactly("flow");
        assertThat(fixed.added()).isEmpty();
    }

    @Test
    void aFileThatWasNeverGoodGivesNoWorkflow() throws IOException {
        write("new.yaml", "id: new\ntasks: oops\n");
        WorkflowCatalog catalog = new WorkflowCatalog(dir, PARSER);

        catalog.reload();

        assertThat(catalog.all()).isEmpty();
        assertThat(catalog.errors()).hasSize(1);
    }

    @Test
    void aDuplicateIdIsAnErrorOfTheSecondFileThatNamesTheFirst() throws IOException {
        Path first = write("a.yaml", workflow("same", "from a"));
        Path second = write("b.yaml", workflow("same", "from b"));
        WorkflowCatalog catalog = new WorkflowCatalog(dir, PARSER);

        catalog.reload();

        assertThat(catalog.get("same")).map(Workflow::description).contains("from a");
        assertThat(catalog.byFile(second)).isEmpty();
        assertThat(catalog.errors().get(second))
                .extracting(Problem::toString)
                .containsExactly(second + ":1:5: workflow id 'same' is already used by " + first
                        + "; each workflow needs its own id");
    }

    @Test
    void aFileThatHadAnIdKeepsItWhenANewFileTakesTheSameId() throws IOException {
        Path original = write("m.yaml", workflow("shared", "original"));
        WorkflowCatalog catalog = new WorkflowCatalog(dir, PARSER);
        catalog.reload();

        Path copy = write("a-copy.yaml", workflow("shared", "copy"));
        catalog.reload();

        assertThat(catalog.get("shared")).map(Workflow::description).contains("original");
        assertThat(catalog.errors()).containsOnlyKeys(copy);
        assertThat(catalog.errors().get(copy).get(0).message()).contains("already used by " + original);
    }

    @Test
    void aFileRenamingItsWorkflowToATakenIdKeepsItsLastGoodWorkflow() throws IOException {
        write("a.yaml", workflow("taken", "a"));
        Path b = write("b.yaml", workflow("mine", "b"));
        WorkflowCatalog catalog = new WorkflowCatalog(dir, PARSER);
        catalog.reload();

        write("b.yaml", workflow("taken", "b renamed"));
        catalog.reload();

        assertThat(catalog.all()).extracting(Workflow::id).containsExactly("mine", "taken");
        assertThat(catalog.get("taken")).map(Workflow::description).contains("a");
        assertThat(catalog.byFile(b)).map(Workflow::id).contains("mine");
        assertThat(catalog.errors()).containsOnlyKeys(b);
    }

    @Test
    void aDeletedFileTakesItsWorkflowAway() throws IOException {
        Path file = write("gone.yaml", workflow("gone", "one"));
        write("stays.yaml", workflow("stays", "one"));
        WorkflowCatalog catalog = new WorkflowCatalog(dir, PARSER);
        catalog.reload();

        Files.delete(file);
        WorkflowCatalog.ReloadResult result = catalog.reload();

        assertThat(result.removed()).containsExactly("gone");
        assertThat(catalog.all()).extracting(Workflow::id).containsExactly("stays");
        assertThat(catalog.byFile(file)).isEmpty();
    }

    @Test
    void requireNamesTheKnownWorkflows() throws IOException {
        write("wine.yaml", workflow("wine-quality", "one"));
        WorkflowCatalog catalog = new WorkflowCatalog(dir, PARSER);
        catalog.reload();

        assertThat(catalog.require("wine-quality").id()).isEqualTo("wine-quality");
        assertThatThrownBy(() -> catalog.require("wine-qualty"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("no workflow 'wine-qualty'; did you mean 'wine-quality'? Known workflows: wine-quality");
    }

    @Test
    void loadsASingleFileForTheCommandLine() throws IOException {
        Path file = write("one.yaml", workflow("one", "single"));
        Path broken = write("broken.yaml", "id: broken\n");

        WorkflowCatalog catalog = WorkflowCatalog.ofFile(file, PARSER);

        assertThat(catalog.all()).extracting(Workflow::id).containsExactly("one");
        assertThat(catalog.folder()).isEmpty();
        WorkflowValidationException e =
                catchThrowableOfType(WorkflowValidationException.class, () -> WorkflowCatalog.ofFile(broken, PARSER));
        assertThat(e.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        broken + ":1:1: the workflow has no 'tasks'; add a list of tasks, each with an id and a type");
    }

    @Test
    void aMissingFolderFailsTheReloadAndKeepsWhatWasLoaded() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("flows"));
        Files.writeString(folder.resolve("x.yaml"), workflow("x", "one"));
        WorkflowCatalog catalog = new WorkflowCatalog(folder, PARSER);
        catalog.reload();

        Files.delete(folder.resolve("x.yaml"));
        Files.delete(folder);

        assertThatThrownBy(catalog::reload)
                .isInstanceOf(FreshetException.class)
                .hasMessageContaining(folder.toString());
        assertThat(catalog.get("x")).isPresent();
    }

    @Test
    void readersAlwaysSeeOneWholeReload() throws Exception {
        WorkflowCatalog catalog = new WorkflowCatalog(dir, PARSER);
        write("a.yaml", workflow("a", "v0"));
        write("b.yaml", workflow("b", "v0"));
        catalog.reload();
        ConcurrentLinkedQueue<String> mixed = new ConcurrentLinkedQueue<>();
        Thread writer = new Thread(() -> {
            for (int version = 1; version <= 40; version++) {
                try {
                    write("a.yaml", workflow("a", "v" + version));
                    write("b.yaml", workflow("b", "v" + version));
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
                catalog.reload();
            }
        });
        writer.start();
        int reads = 0;
        while (writer.isAlive() || reads == 0) {
            List<Workflow> all = catalog.all();
            if (all.size() != 2 || !all.get(0).description().equals(all.get(1).description())) {
                mixed.add(all.toString());
            }
            reads++;
        }
        writer.join();

        assertThat(mixed).isEmpty();
        assertThat(catalog.get("a")).map(Workflow::description).contains("v40");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    private static String workflow(String id, String description) {
        return "id: " + id + "\ndescription: " + description + "\ntasks:\n  - id: only\n    type: noop\n";
    }
}
