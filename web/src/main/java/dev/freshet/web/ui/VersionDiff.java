package dev.freshet.web.ui;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.freshet.engine.workflow.WorkflowVersion;

import java.util.List;

/** The unified diff of two versions of a workflow's file (java-diff-utils, three lines of context). */
final class VersionDiff {
    private static final int CONTEXT = 3;

    /** One line of the diff, with what it is: a file header, a hunk header, added, removed or context. */
    record Line(String kind, String text) {}

    private VersionDiff() {}

    static List<Line> unified(WorkflowVersion from, WorkflowVersion to) {
        List<String> original = from.text().lines().toList();
        List<String> revised = to.text().lines().toList();
        Patch<String> patch = DiffUtils.diff(original, revised);
        return UnifiedDiffUtils.generateUnifiedDiff(name(from), name(to), original, patch, CONTEXT).stream()
                .map(line -> new Line(kind(line), line))
                .toList();
    }

    private static String name(WorkflowVersion version) {
        return (version.sourcePath() == null ? version.workflowId() : version.sourcePath()) + "@" + version.shortHash();
    }

    private static String kind(String line) {
        if (line.startsWith("---") || line.startsWith("+++")) {
            return "file";
        }
        if (line.startsWith("@@")) {
            return "hunk";
        }
        if (line.startsWith("+")) {
            return "added";
        }
        if (line.startsWith("-")) {
            return "removed";
        }
        return "context";
    }
}
