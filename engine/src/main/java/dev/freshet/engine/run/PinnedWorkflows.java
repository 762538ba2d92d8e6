package dev.freshet.engine.run;

import dev.freshet.engine.workflow.PinnedVersions;
import dev.freshet.engine.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;

/**
 * The current workflows, and for each run the version it started with: the current one when the hashes match (the
 * common case, no look-up), else the recorded version read back. A run from before versions were recorded follows the
 * current definition, as all runs did then.
 */
public final class PinnedWorkflows implements WorkflowSource {
    private static final Logger LOG = LoggerFactory.getLogger(PinnedWorkflows.class);

    private final WorkflowSource current;
    private final PinnedVersions versions;

    public PinnedWorkflows(WorkflowSource current, PinnedVersions versions) {
        this.current = Objects.requireNonNull(current, "current");
        this.versions = Objects.requireNonNull(versions, "versions");
    }

    @Override
    public Optional<Workflow> workflow(String workflowId) {
        return current.workflow(workflowId);
    }

    @Override
    public Optional<Workflow> pinned(Run run) {
        Optional<Workflow> now = current.workflow(run.workflowId());
        String hash = run.workflowHash();
        if (hash == null || now.map(w -> w.sourceHash().equals(hash)).orElse(false)) {
            return now;
        }
        PinnedVersions.Lookup lookup = versions.lookup(run.workflowId(), hash);
        if (!lookup.recorded()) {
            LOG.warn(
                    "run {} started with version {} of {}, which was never recorded; it follows the current definition",
                    run.runId(),
                    hash,
                    run.workflowId());
            return now;
        }
        return lookup.workflow();
    }
}
