package dev.freshet.engine.workflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import static dev.freshet.engine.workflow.Fixtures.PARSER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which version two catalogs serve when they share one record of versions: each reads a folder of its own here, so
 * that one can lag behind the other.
 */
class VersionLedgerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path root;

    private final InMemoryVersions versions = new InMemoryVersions();

    @Test
    void aNewVersionBecomesCurrentAndALaggingCopyServesItInsteadOfItsOwn() throws IOException {
        Path ahead = folder("ahead", 1);
        Path behind = folder("behind", 1);
        WorkflowCatalog a = catalog(ahead, true);
        WorkflowCatalog b = catalog(behind, true);
        a.reload();
        b.reload();
        String v1 = a.require("w").sourceHash();

        write(ahead, 2);
        a.reload();
        String v2 = a.require("w").sourceHash();
        assertThat(versions.current.get("w")).isEqualTo(v2);

        b.reload();
        assertThat(b.require("w").sourceHash())
                .as("the lagging copy serves the current version")
                .isEqualTo(v2);
        assertThat(b.require("w").description()).isEqualTo("version 2");
        assertThat(b.errors().get(behind.resolve("w.yaml")).get(0).message()).contains("superseded");
        assertThat(versions.current.get("w")).as("and never moves it back").isEqualTo(v2);
        assertThat(versions.byHash.keySet()).containsExactlyInAnyOrder(v1, v2);

        write(behind, 2);
        b.reload();
        assertThat(b.errors()).isEmpty();
        assertThat(b.require("w").sourceHash()).isEqualTo(v2);
    }

    @Test
    void aRevertSeenFromTheCurrentVersionBecomesCurrent() throws IOException {
        Path shared = folder("shared", 1);
        WorkflowCatalog a = catalog(shared, true);
        a.reload();
        String v1 = a.require("w").sourceHash();
        write(shared, 2);
        a.reload();

        write(shared, 1);
        a.reload();

        assertThat(a.require("w").sourceHash()).isEqualTo(v1);
        assertThat(versions.current.get("w")).isEqualTo(v1);
        assertThat(a.errors()).isEmpty();
    }

    @Test
    void aNodeStartingWithASupersededCopyServesTheCurrentVersion() throws IOException {
        Path ahead = folder("ahead", 1);
        WorkflowCatalog a = catalog(ahead, true);
        a.reload();
        write(ahead, 2);
        a.reload();

        WorkflowCatalog late = catalog(folder("late", 1), true);
        late.reload();

        assertThat(late.require("w").description()).isEqualTo("version 2");
    }

    @Test
    void withoutTheGuardTheFolderIsTheTruth() throws IOException {
        Path ahead = folder("ahead", 1);
        Path behind = folder("behind", 1);
        WorkflowCatalog a = catalog(ahead, false);
        WorkflowCatalog b = catalog(behind, false);
        a.reload();
        b.reload();
        write(ahead, 2);
        a.reload();

        b.reload();

        assertThat(b.require("w").description()).isEqualTo("version 1");
        assertThat(b.errors()).isEmpty();
    }

    @Test
    void aBrokenFileKeepsItsLastGoodVersionAndDoesNotMoveTheCurrentOne() throws IOException {
        Path shared = folder("shared", 1);
        WorkflowCatalog a = catalog(shared, true);
        a.reload();
        String v1 = a.require("w").sourceHash();

        Files.writeString(shared.resolve("w.yaml"), "id: w\ntasks: [\n");
        a.reload();

        assertThat(a.require("w").sourceHash()).isEqualTo(v1);
        assertThat(a.errors()).containsKey(shared.resolve("w.yaml"));
        assertThat(versions.current.get("w")).isEqualTo(v1);
        assertThat(versions.byHash).hasSize(1);
    }

    private WorkflowCatalog catalog(Path folder, boolean guardStale) {
        return new WorkflowCatalog(
                folder, PARSER, new VersionLedger(versions, new PinnedVersions(versions, PARSER), guardStale, CLOCK));
    }

    private Path folder(String name, int version) throws IOException {
        Path folder = Files.createDirectories(root.resolve(name));
        write(folder, version);
        return folder;
    }

    private static void write(Path folder, int version) throws IOException {
        Files.writeString(
                folder.resolve("w.yaml"),
                "id: w\ndescription: version %d\ntasks:\n  - {id: only, type: noop}\n".formatted(version));
    }

    /** The database's part, as a map; compare-and-set as the store does it. */
    private static final class InMemoryVersions implements WorkflowVersions {
        final Map<String, WorkflowVersion> byHash = new HashMap<>();
        final Map<String, String> current = new HashMap<>();

        @Override
        public synchronized boolean record(WorkflowVersion version) {
            return byHash.putIfAbsent(version.hash(), version) == null;
        }

        @Override
        public synchronized Optional<WorkflowVersion> version(String workflowId, String hash) {
            return Optional.ofNullable(byHash.get(hash))
                    .filter(v -> v.workflowId().equals(workflowId));
        }

        @Override
        public synchronized List<WorkflowVersion> versions(String workflowId) {
            return byHash.values().stream()
                    .filter(v -> v.workflowId().equals(workflowId))
                    .toList();
        }

        @Override
        public synchronized Optional<String> currentHash(String workflowId) {
            return Optional.ofNullable(current.get(workflowId));
        }

        @Override
        public synchronized Map<String, String> currentHashes() {
            return Map.copyOf(current);
        }

        @Override
        public synchronized boolean moveCurrent(String workflowId, String expected, String next) {
            if (!Objects.equals(current.get(workflowId), expected)) {
                return false;
            }
            current.put(workflowId, next);
            return true;
        }
    }
}
