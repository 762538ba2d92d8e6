package dev.freshet.engine.trigger;

import dev.freshet.engine.run.FileClaim;
import dev.freshet.engine.run.InMemoryRunStore;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunCore;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunType;
import dev.freshet.engine.tracking.Sha256;
import dev.freshet.engine.workflow.Workflow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One workflow's file trigger, looked at poll by poll on a settable clock over the in-memory run store: when a file
 * counts as landed, which run it starts, and that a file content never starts a second run.
 */
class LandingWatchTest {
    @TempDir
    Path dir;

    private final InMemoryRunStore store = new InMemoryRunStore();
    private RunCore core;
    private Workflow workflow;
    private Path landing;

    @BeforeEach
    void defineWorkflow() throws IOException {
        core = new RunCore(dir.resolve("home"), store);
        landing = Files.createDirectories(dir.resolve("landing"));
        Path file = dir.resolve("landed.yaml");
        Files.writeString(file, """
                id: landed
                trigger: { files: "landing/*.csv", settle: 30s }
                tasks: [{id: a, type: noop}]
                """);
        workflow = core.define(file);
    }

    @AfterEach
    void close() {
        core.close();
    }

    @Test
    void aFileStillBeingWrittenWithinTheSettleTimeIsNotTaken() throws IOException {
        LandingWatch watch = watch();
        Path batch = write("batch-1.csv", "a,b\n1,2\n", 0);

        assertThat(watch.poll(core.clock.instant())).isEmpty();
        core.clock.advance(Duration.ofSeconds(20));
        Files.writeString(batch, "3,4\n", StandardOpenOption.APPEND);
        Files.setLastModifiedTime(batch, FileTime.from(core.clock.instant()));
        assertThat(watch.poll(core.clock.instant()))
                .as("it changed: settling starts over")
                .isEmpty();
        core.clock.advance(Duration.ofSeconds(29));
        assertThat(watch.poll(core.clock.instant()))
                .as("unchanged for 29 s of 30")
                .isEmpty();
        assertThat(runs()).isEmpty();

        core.clock.advance(Duration.ofSeconds(1));
        Optional<Run> run = watch.poll(core.clock.instant());

        assertThat(run).isPresent();
        assertThat(run.get().runType()).isEqualTo(RunType.DATASET_TRIGGERED);
        assertThat(run.get().conf()).isEqualTo(Map.of("files", List.of("landing/batch-1.csv")));
        assertThat(run.get().params()).containsEntry("files", List.of("landing/batch-1.csv"));
    }

    @Test
    void aLandedFileStartsExactlyOneRunAndFilesLandingTogetherShareIt() throws IOException {
        LandingWatch watch = watch();
        write("b.csv", "x\n1\n", 0);
        write("a.csv", "x\n2\n", 0);
        write(".partial.csv", "x\n", 0);
        write("notes.txt", "not a batch", 0);
        Files.createDirectories(landing.resolve("quarantine"));
        write("quarantine/old.csv", "x\n9\n", 0);

        watch.poll(core.clock.instant());
        core.clock.advance(Duration.ofSeconds(30));
        Run run = watch.poll(core.clock.instant()).orElseThrow();
        core.clock.advance(Duration.ofMinutes(5));
        Optional<Run> again = watch.poll(core.clock.instant());

        assertThat(run.conf().get("files")).isEqualTo(List.of("landing/a.csv", "landing/b.csv"));
        assertThat(again).isEmpty();
        assertThat(runs()).hasSize(1);
    }

    @Test
    void aWatchThatKnowsNothingStartsNothingForAFileAlreadyClaimed() throws IOException {
        write("a.csv", "x\n1\n", 0);
        LandingWatch first = watch();
        first.poll(core.clock.instant());
        core.clock.advance(Duration.ofSeconds(30));
        first.poll(core.clock.instant()).orElseThrow();

        // A restarted engine, or a second node: nothing in memory, the claim in the store.
        LandingWatch second = watch();
        second.poll(core.clock.instant());
        core.clock.advance(Duration.ofSeconds(30));

        assertThat(second.poll(core.clock.instant())).isEmpty();
        assertThat(runs()).hasSize(1);
    }

    @Test
    void newContentAtTheSamePathIsANewBatch() throws IOException {
        LandingWatch watch = watch();
        Path batch = write("a.csv", "x\n1\n", 0);
        watch.poll(core.clock.instant());
        core.clock.advance(Duration.ofSeconds(30));
        watch.poll(core.clock.instant()).orElseThrow();

        Files.writeString(batch, "x\n2\n");
        Files.setLastModifiedTime(batch, FileTime.from(core.clock.instant()));
        watch.poll(core.clock.instant());
        core.clock.advance(Duration.ofSeconds(30));

        assertThat(watch.poll(core.clock.instant())).isPresent();
        assertThat(runs()).hasSize(2);
    }

    @Test
    void theClaimIsRecordedInTheTransactionThatCreatesTheRun() throws IOException {
        LandingWatch watch = watch();
        Path batch = write("a.csv", "x\n1\n", 0);
        watch.poll(core.clock.instant());
        core.clock.advance(Duration.ofSeconds(30));
        FileClaim claim = new FileClaim("landed", "landing/a.csv", Sha256.of(batch));

        store.failNextCommit();
        assertThatThrownBy(() -> watch.poll(core.clock.instant())).hasMessageContaining("the commit failed");

        assertThat(runs()).isEmpty();
        assertThat(core.runs.isClaimed(claim)).as("no run, no claim").isFalse();
        Run run = watch.poll(core.clock.instant()).orElseThrow();
        assertThat(core.runs.isClaimed(claim)).isTrue();
        assertThat(run.conf().get("files")).isEqualTo(List.of("landing/a.csv"));
    }

    @Test
    void aZeroSettleTakesAFileAtFirstSightAndAMissingFolderIsNoError() throws IOException {
        Path file = dir.resolve("landed.yaml");
        Files.writeString(file, """
                id: landed
                trigger: { files: "incoming/**/*.csv", settle: 0s }
                tasks: [{id: a, type: noop}]
                """);
        workflow = core.define(file);
        LandingWatch watch = watch();
        assertThat(watch.poll(core.clock.instant())).isEmpty();

        Files.createDirectories(dir.resolve("incoming/2026/03"));
        Files.writeString(dir.resolve("incoming/2026/03/day-1.csv"), "x\n1\n");

        assertThat(watch.poll(core.clock.instant()).orElseThrow().conf().get("files"))
                .isEqualTo(List.of("incoming/2026/03/day-1.csv"));
    }

    @Test
    void moreFilesThanOneRunsConfFilesMayNameGoIntoTheNextRuns() throws IOException {
        LandingWatch watch = watch();
        for (int i = 0; i < 300; i++) {
            write("a-batch-with-a-rather-long-name-%03d.csv".formatted(i), "x\n" + i + "\n", 0);
        }
        watch.poll(core.clock.instant());
        core.clock.advance(Duration.ofSeconds(30));

        List<Object> taken = new java.util.ArrayList<>();
        for (Optional<Run> run = watch.poll(core.clock.instant());
                run.isPresent();
                run = watch.poll(core.clock.instant())) {
            List<?> files = (List<?>) run.get().conf().get("files");
            assertThat(String.valueOf(files).length()).isLessThanOrEqualTo(LandingWatch.MAX_LIST_CHARS);
            taken.addAll(files);
        }

        assertThat(runs()).hasSizeGreaterThan(1);
        assertThat(taken).hasSize(300).doesNotHaveDuplicates();
    }

    private LandingWatch watch() {
        return new LandingWatch(
                workflow.id(),
                workflow.source().toAbsolutePath().getParent(),
                workflow.trigger().files(),
                core.runs);
    }

    private Path write(String name, String content, long secondsAgo) throws IOException {
        Path file = landing.resolve(name);
        Files.writeString(file, content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(secondsAgo)));
        return file;
    }

    private List<Run> runs() {
        return core.runs.runs(new RunQuery("landed", null, null, 100, 0)).runs().stream()
                .sorted(Comparator.comparing(Run::queuedAt))
                .toList();
    }
}
