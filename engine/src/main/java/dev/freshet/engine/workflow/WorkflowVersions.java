package dev.freshet.engine.workflow;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the versions of workflows are kept, shared by every node of a cluster: each version's text by hash, and which
 * version is current for each workflow. The current version moves only by compare-and-set, so a node that read the
 * folder late cannot move it back.
 */
public interface WorkflowVersions {
    /** Records {@code version} unless the workflow already has a version with its hash; true when it was new. */
    boolean record(WorkflowVersion version);

    Optional<WorkflowVersion> version(String workflowId, String hash);

    /** The workflow's versions, oldest first (by first seen, then hash). */
    List<WorkflowVersion> versions(String workflowId);

    /** The hash of the workflow's current version, if one was made current. */
    Optional<String> currentHash(String workflowId);

    /** Workflow id to the hash of its current version, for every workflow that has one. */
    Map<String, String> currentHashes();

    /**
     * Makes {@code next} the workflow's current version if the current one is still {@code expected} (null: none yet);
     * false when another node moved it first.
     */
    boolean moveCurrent(String workflowId, String expected, String next);
}
