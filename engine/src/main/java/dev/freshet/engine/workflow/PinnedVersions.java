package dev.freshet.engine.workflow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Recorded versions of workflows read back into workflows, for runs that started with a version other than the one
 * the folder gives now. Parsed versions are kept (a version never changes), the most recently used few hundred.
 */
public final class PinnedVersions {
    private static final Logger LOG = LoggerFactory.getLogger(PinnedVersions.class);
    private static final int KEEP = 256;

    /** What is known of one version: recorded or not, and if recorded, its workflow unless it no longer parses. */
    public record Lookup(boolean recorded, Optional<Workflow> workflow) {
        static final Lookup UNRECORDED = new Lookup(false, Optional.empty());
    }

    private final WorkflowVersions versions;
    private final WorkflowParser parser;
    private final Map<String, Lookup> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Lookup> eldest) {
            return size() > KEEP;
        }
    };

    public PinnedVersions(WorkflowVersions versions, WorkflowParser parser) {
        this.versions = Objects.requireNonNull(versions, "versions");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /** The workflow {@code workflowId} was at {@code hash}. */
    public Lookup lookup(String workflowId, String hash) {
        String key = workflowId + "@" + hash;
        synchronized (parsed) {
            Lookup known = parsed.get(key);
            if (known != null) {
                return known;
            }
        }
        Lookup found = versions.version(workflowId, hash).map(this::read).orElse(Lookup.UNRECORDED);
        if (found.recorded()) {
            synchronized (parsed) {
                parsed.put(key, found);
            }
        }
        return found;
    }

    private Lookup read(WorkflowVersion version) {
        try {
            return new Lookup(true, Optional.of(parser.parse(version)));
        } catch (WorkflowValidationException e) {
            LOG.error(
                    "version {} of workflow {} no longer parses; its runs fail:\n{}",
                    version.shortHash(),
                    version.workflowId(),
                    String.join(
                            "\n", e.problems().stream().map(Problem::toString).toList()));
            return new Lookup(true, Optional.empty());
        }
    }
}
