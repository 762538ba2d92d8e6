package dev.freshet.web.ui;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.workflow.WorkflowVersion;
import dev.freshet.web.PathIds;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.List;

/** A workflow's versions: the list, one version's text, and the unified diff of two. */
final class VersionPages {
    private final Engine engine;
    private final Pages pages;

    VersionPages(Engine engine, Pages pages) {
        this.engine = engine;
        this.pages = pages;
    }

    /** One row of the list; {@code diffHref} compares it with the version before (null for the first). */
    public record VersionRow(
            int number,
            String shortHash,
            String hash,
            String firstSeen,
            String sourcePath,
            boolean current,
            String href,
            String diffHref) {}

    /** The versions page: every version, newest first. */
    record VersionList(String workflowId, List<VersionRow> versions, String runsHref) {}

    /** One version's text. */
    record VersionText(String workflowId, VersionRow version, String text, String listHref) {}

    /** The unified diff of two versions, line by line. */
    record VersionDiffPage(
            String workflowId, VersionRow from, VersionRow to, List<VersionDiff.Line> lines, String listHref) {}

    void list(Context ctx) {
        String id = PathIds.id(ctx, "workflow_id");
        List<WorkflowVersion> versions = versionsOf(id);
        String current = engine.currentVersion(id).orElse(null);
        List<VersionRow> rows = new ArrayList<>();
        for (int i = versions.size() - 1; i >= 0; i--) {
            rows.add(row(versions, i, current));
        }
        pages.page(ctx, "versions", "workflows", new VersionList(id, rows, "/runs?workflow=" + Formats.segment(id)));
    }

    void show(Context ctx) {
        String id = PathIds.id(ctx, "workflow_id");
        List<WorkflowVersion> versions = versionsOf(id);
        WorkflowVersion version = engine.workflowVersion(id, ctx.pathParam("version"));
        int index = versions.indexOf(version);
        pages.page(
                ctx,
                "version",
                "workflows",
                new VersionText(
                        id,
                        row(versions, index, engine.currentVersion(id).orElse(null)),
                        version.text(),
                        listHref(id)));
    }

    void diff(Context ctx) {
        String id = PathIds.id(ctx, "workflow_id");
        List<WorkflowVersion> versions = versionsOf(id);
        WorkflowVersion from = engine.workflowVersion(id, required(ctx, "from"));
        WorkflowVersion to = engine.workflowVersion(id, required(ctx, "to"));
        String current = engine.currentVersion(id).orElse(null);
        pages.page(
                ctx,
                "diff",
                "workflows",
                new VersionDiffPage(
                        id,
                        row(versions, versions.indexOf(from), current),
                        row(versions, versions.indexOf(to), current),
                        VersionDiff.unified(from, to),
                        listHref(id)));
    }

    private static String required(Context ctx, String param) {
        String value = ctx.queryParam(param);
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(param + ": give a version number or hash to compare");
        }
        return value;
    }

    private List<WorkflowVersion> versionsOf(String id) {
        List<WorkflowVersion> versions = engine.workflowVersions(id);
        if (versions.isEmpty()) {
            throw new NotFoundException("workflow '" + id + "' has no recorded versions");
        }
        return versions;
    }

    private static VersionRow row(List<WorkflowVersion> versions, int index, String current) {
        WorkflowVersion version = versions.get(index);
        String id = version.workflowId();
        return new VersionRow(
                index + 1,
                version.shortHash(),
                version.hash(),
                Formats.dateTime(version.firstSeen()),
                version.sourcePath(),
                version.hash().equals(current),
                versionHref(id, version.hash()),
                index == 0 ? null : diffHref(id, versions.get(index - 1).hash(), version.hash()));
    }

    static String listHref(String workflowId) {
        return "/workflows/" + Formats.segment(workflowId) + "/versions";
    }

    static String versionHref(String workflowId, String hash) {
        return listHref(workflowId) + "/" + WorkflowVersion.shortHash(hash);
    }

    static String diffHref(String workflowId, String fromHash, String toHash) {
        return "/workflows/" + Formats.segment(workflowId) + "/diff?from=" + WorkflowVersion.shortHash(fromHash)
                + "&to=" + WorkflowVersion.shortHash(toHash);
    }
}
