package dev.freshet.engine.workflow;

import dev.freshet.engine.CapturedLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.freshet.engine.workflow.Fixtures.PARSER;
import static org.assertj.core.api.Assertions.assertThat;

/** The watch calls back once per change of the workflow files, and only then; polls are driven by hand here. */
class WorkflowFolderWatchTest {
    @TempDir
    Path dir;

    private final AtomicInteger reloads = new AtomicInteger();

    @Test
    void seesAnEditThatKeepsTheSizeAndTheModificationTime() throws IOException {
        Path file = Files.writeString(dir.resolve("a.yaml"), "id: aaaa\n");
        FileTime modified = Files.getLastModifiedTime(file);
        try (WorkflowFolderWatch watch = watch()) {
            watch.poll();
            assertThat(reloads).as("nothing changed yet").hasValue(0);

            Files.writeString(file, "id: bbbb\n");
            Files.setLastModifiedTime(file, modified);
            watch.poll();
            assertThat(reloads).hasValue(1);

            watch.poll();
            assertThat(reloads).as("one reload per change").hasValue(1);
        }
    }

    @Test
    void seesFilesAddedAndDeletedButNotOtherFiles() throws IOException {
        try (WorkflowFolderWatch watch = watch()) {
            Files.writeString(dir.resolve("notes.txt"), "not a workflow");
            Files.writeString(dir.resolve(".draft.yaml"), "id: hidden");
            watch.poll();
            assertThat(reloads).hasValue(0);

            Path added = Files.writeString(dir.resolve("b.yml"), "id: b");
            watch.poll();
            assertThat(reloads).hasValue(1);

            Files.delete(added);
            watch.poll();
            assertThat(reloads).hasValue(2);
        }
    }

    @Test
    void aFailedReloadIsTriedAgainAtTheNextPoll() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        try (CapturedLog log = CapturedLog.of(WorkflowFolderWatch.class);
                WorkflowFolderWatch watch =
                        WorkflowFolderWatch.start(new WorkflowCatalog(dir, PARSER), Duration.ofHours(1), () -> {
                            if (calls.incrementAndGet() == 1) {
                                throw new IllegalStateException("database busy");
                            }
                        })) {
            Files.writeString(dir.resolve("c.yaml"), "id: c");
            watch.poll();
            assertThat(log.messages())
                    .containsExactly(
                            "reloading the workflows after a change failed: database busy" + " | database busy");
            watch.poll();
            assertThat(calls).hasValue(2);
            watch.poll();
            assertThat(calls).hasValue(2);
        }
    }

    private WorkflowFolderWatch watch() {
        return WorkflowFolderWatch.start(
                new WorkflowCatalog(dir, PARSER), Duration.ofHours(1), reloads::incrementAndGet);
    }
}
