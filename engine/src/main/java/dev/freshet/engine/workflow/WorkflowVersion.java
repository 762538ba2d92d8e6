package dev.freshet.engine.workflow;

import java.time.Instant;
import java.util.Objects;

/**
 * One definition a workflow has had: the text of its file, known by the SHA-256 of that text.
 *
 * @param sourcePath the file it was read from, as the node that first saw it named it; null for a text given
 *                   otherwise
 * @param firstSeen  when a node first recorded it
 */
public record WorkflowVersion(String workflowId, String hash, String sourcePath, String text, Instant firstSeen) {
    public WorkflowVersion {
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(firstSeen, "firstSeen");
    }

    /** The first 12 hex digits, enough to tell a workflow's versions apart in a page or a message. */
    public String shortHash() {
        return shortHash(hash);
    }

    public static String shortHash(String hash) {
        return hash == null ? "" : hash.substring(0, Math.min(12, hash.length()));
    }
}
