package dev.freshet.engine.store;

import dev.freshet.engine.store.generated.tables.records.WorkflowVersionsRecord;
import dev.freshet.engine.workflow.WorkflowVersion;
import dev.freshet.engine.workflow.WorkflowVersions;
import org.jooq.DSLContext;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.freshet.engine.store.generated.Tables.WORKFLOWS;
import static dev.freshet.engine.store.generated.Tables.WORKFLOW_VERSIONS;

/** Workflow versions in {@code workflow_versions}; the current one in {@code workflows.source_hash}. */
public final class JooqWorkflowVersions implements WorkflowVersions {
    private final DSLContext dsl;
    private final Clock clock;

    public JooqWorkflowVersions(Database database, Clock clock) {
        this.dsl = database.dsl();
        this.clock = clock;
    }

    @Override
    public boolean record(WorkflowVersion version) {
        if (exists(version.workflowId(), version.hash())) {
            return false;
        }
        int[] inserted = {0};
        InsertRace.ignore(() -> inserted[0] = dsl.insertInto(WORKFLOW_VERSIONS)
                .set(WORKFLOW_VERSIONS.WORKFLOW_ID, version.workflowId())
                .set(WORKFLOW_VERSIONS.SOURCE_HASH, version.hash())
                .set(WORKFLOW_VERSIONS.SOURCE_PATH, version.sourcePath())
                .set(WORKFLOW_VERSIONS.SOURCE_TEXT, version.text())
                .set(WORKFLOW_VERSIONS.FIRST_SEEN, Times.db(Times.stored(version.firstSeen())))
                .onDuplicateKeyIgnore()
                .execute());
        return inserted[0] == 1;
    }

    private boolean exists(String workflowId, String hash) {
        return dsl.fetchExists(dsl.selectOne()
                .from(WORKFLOW_VERSIONS)
                .where(WORKFLOW_VERSIONS.WORKFLOW_ID.eq(workflowId), WORKFLOW_VERSIONS.SOURCE_HASH.eq(hash)));
    }

    @Override
    public Optional<WorkflowVersion> version(String workflowId, String hash) {
        return dsl.selectFrom(WORKFLOW_VERSIONS)
                .where(WORKFLOW_VERSIONS.WORKFLOW_ID.eq(workflowId), WORKFLOW_VERSIONS.SOURCE_HASH.eq(hash))
                .fetchOptional()
                .map(JooqWorkflowVersions::toVersion);
    }

    @Override
    public List<WorkflowVersion> versions(String workflowId) {
        return dsl.selectFrom(WORKFLOW_VERSIONS)
                .where(WORKFLOW_VERSIONS.WORKFLOW_ID.eq(workflowId))
                .orderBy(WORKFLOW_VERSIONS.FIRST_SEEN, WORKFLOW_VERSIONS.SOURCE_HASH)
                .fetch(JooqWorkflowVersions::toVersion);
    }

    @Override
    public Optional<String> currentHash(String workflowId) {
        return dsl.select(WORKFLOWS.SOURCE_HASH)
                .from(WORKFLOWS)
                .where(WORKFLOWS.WORKFLOW_ID.eq(workflowId), WORKFLOWS.SOURCE_HASH.isNotNull())
                .fetchOptional(WORKFLOWS.SOURCE_HASH);
    }

    @Override
    public Map<String, String> currentHashes() {
        return dsl.select(WORKFLOWS.WORKFLOW_ID, WORKFLOWS.SOURCE_HASH)
                .from(WORKFLOWS)
                .where(WORKFLOWS.SOURCE_HASH.isNotNull())
                .fetchMap(WORKFLOWS.WORKFLOW_ID, WORKFLOWS.SOURCE_HASH);
    }

    @Override
    public boolean moveCurrent(String workflowId, String expected, String next) {
        if (expected == null) {
            InsertRace.ignore(
                    () -> dsl.insertInto(WORKFLOWS, WORKFLOWS.WORKFLOW_ID, WORKFLOWS.IS_PAUSED, WORKFLOWS.UPDATED_AT)
                            .values(workflowId, false, Times.db(clock.instant()))
                            .onDuplicateKeyIgnore()
                            .execute());
        }
        return dsl.update(WORKFLOWS)
                        .set(WORKFLOWS.SOURCE_HASH, next)
                        .set(WORKFLOWS.UPDATED_AT, Times.db(clock.instant()))
                        .where(
                                WORKFLOWS.WORKFLOW_ID.eq(workflowId),
                                expected == null ? WORKFLOWS.SOURCE_HASH.isNull() : WORKFLOWS.SOURCE_HASH.eq(expected))
                        .execute()
                == 1;
    }

    private static WorkflowVersion toVersion(WorkflowVersionsRecord r) {
        return new WorkflowVersion(
                r.getWorkflowId(),
                r.getSourceHash(),
                r.getSourcePath(),
                r.getSourceText(),
                Times.instant(r.getFirstSeen()));
    }
}
