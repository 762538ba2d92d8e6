package dev.freshet.engine.workflow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides which version of a workflow a node serves when several nodes read one folder. Every version a node reads is
 * recorded; the current version moves forward by compare-and-set. A node whose copy of a file is a version that
 * another one has already superseded serves the current version from the database instead, and lists its file in the
 * import errors, until its copy catches up. A copy counts as stale when its hash is recorded, is not current, and the
 * node did not itself see the file change from the current version to it (which is how a revert looks).
 *
 * <p>With {@code guardStale} off (one node, which is the truth of its own folder), the file always wins.
 */
public final class VersionLedger {
    private static final Logger LOG = LoggerFactory.getLogger(VersionLedger.class);
    private static final int ATTEMPTS = 5;

    /** What to serve for one file, and the problem to list when that is not the file's own version. */
    public record Settled(Workflow workflow, Optional<Problem> problem) {}

    private final WorkflowVersions versions;
    private final PinnedVersions pinned;
    private final boolean guardStale;
    private final Clock clock;

    public VersionLedger(WorkflowVersions versions, PinnedVersions pinned, boolean guardStale, Clock clock) {
        this.versions = Objects.requireNonNull(versions, "versions");
        this.pinned = Objects.requireNonNull(pinned, "pinned");
        this.guardStale = guardStale;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Records the version read from {@code file} and settles what to serve for it.
     *
     * @param lastRead the hash this node read from the file before (null: none yet)
     */
    public Settled settle(Path file, Workflow local, String text, String lastRead) {
        String id = local.id();
        String hash = local.sourceHash();
        boolean isNew = versions.record(new WorkflowVersion(id, hash, file.toString(), text, clock.instant()));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            String current = versions.currentHash(id).orElse(null);
            if (hash.equals(current)) {
                return new Settled(local, Optional.empty());
            }
            boolean mayMove = current == null || !guardStale || isNew || current.equals(lastRead);
            if (mayMove) {
                if (versions.moveCurrent(id, current, hash)) {
                    return new Settled(local, Optional.empty());
                }
                continue; // another node moved it meanwhile: look again
            }
            Optional<Workflow> good = pinned.lookup(id, current).workflow();
            if (good.isEmpty()) {
                // the current version does not parse on this node: better its own copy than nothing
                return new Settled(local, Optional.empty());
            }
            LOG.warn(
                    "{} is version {} of workflow {}, which version {} superseded; serving {}",
                    file,
                    WorkflowVersion.shortHash(hash),
                    id,
                    WorkflowVersion.shortHash(current),
                    WorkflowVersion.shortHash(current));
            return new Settled(
                    good.get(),
                    Optional.of(Problem.inFile(
                            file.toString(),
                            "this copy is version " + WorkflowVersion.shortHash(hash) + " of workflow '" + id
                                    + "', which version " + WorkflowVersion.shortHash(current)
                                    + " (recorded in the database) superseded; serving "
                                    + WorkflowVersion.shortHash(current) + " until this copy changes")));
        }
        LOG.warn("the current version of workflow {} kept moving; serving this node's copy for now", id);
        return new Settled(local, Optional.empty());
    }

    /** Workflow id to current hash: what the folder watch compares to see another node's change. */
    public Map<String, String> currentHashes() {
        return versions.currentHashes();
    }
}
