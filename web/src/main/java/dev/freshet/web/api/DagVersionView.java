package dev.freshet.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.freshet.engine.workflow.WorkflowVersion;

import java.time.Instant;

/**
 * One version of a workflow, in the shape of Airflow 3's DAG version ({@code id}, {@code version_number},
 * {@code dag_id}, {@code created_at}), plus its full {@code dag_hash}, the file it came from, whether this server
 * serves it now, and — for one version asked for by itself — its {@code source}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DagVersionView(
        String id,
        int versionNumber,
        String dagId,
        String dagHash,
        String sourcePath,
        Instant createdAt,
        boolean isCurrent,
        String source) {

    static DagVersionView of(WorkflowVersion version, int number, boolean current, boolean withSource) {
        return new DagVersionView(
                version.shortHash(),
                number,
                version.workflowId(),
                version.hash(),
                version.sourcePath(),
                version.firstSeen(),
                current,
                withSource ? version.text() : null);
    }
}
