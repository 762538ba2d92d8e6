package dev.freshet.engine.run;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import dev.freshet.engine.error.ConflictException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.workflow.TaskSpec;
import dev.freshet.engine.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Writes a triggered run, its task rows and its params in one transaction, and starts it when there is room. */
final class TriggerRun {
    private static final TimeBasedEpochGenerator RUN_IDS = Generators.timeBasedEpochGenerator();
    private static final Logger LOG = LoggerFactory.getLogger(TriggerRun.class);
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9_.:+\\-]{1,200}");

    private final RunStore store;
    private final WorkflowSource workflows;
    private final RunExperiments experiments;
    private final EngineSettings settings;
    private final AfterCommit afterCommit;
    private final StartQueuedRuns queued;
    private volatile SettingCheck settingCheck = (workflow, params) -> {};

    TriggerRun(
            RunStore store,
            WorkflowSource workflows,
            RunExperiments experiments,
            EngineSettings settings,
            AfterCommit afterCommit,
            StartQueuedRuns queued) {
        this.store = store;
        this.workflows = workflows;
        this.experiments = experiments;
        this.settings = settings;
        this.afterCommit = afterCommit;
        this.queued = queued;
    }

    void checkSettingsWith(SettingCheck check) {
        this.settingCheck = Objects.requireNonNull(check, "check");
    }

    /** The run, or empty when {@code claim} found what it starts for already taken. */
    Optional<Run> trigger(TriggerRequest request, RunClaim claim) {
        Workflow workflow = workflows
                .workflow(request.workflowId())
                .orElseThrow(() -> new NotFoundException("workflow '" + request.workflowId() + "' does not exist"));
        String runId = request.runId() == null ? newRunId() : request.runId();
        if (!RUN_ID.matcher(runId).matches() || runId.contains("..")) {
            throw new InvalidInputException("dag_run_id: '" + runId + "' must be 1-200 characters of letters, digits, "
                    + "and _ . : + -, without '..'");
        }
        Map<String, Object> params = ParamBinder.bind(workflow, request.conf());
        TriggerLimits.check(request.conf(), params);
        settingCheck.check(workflow, params);
        long experimentId = experiments.experimentFor(workflow.id(), request.experimentId());
        Instant now = settings.clock().instant();
        Run run = queuedRun(request, workflow, runId, experimentId, params, now);
        List<TaskRun> tasks = new ArrayList<>();
        for (TaskSpec spec : workflow.tasks()) {
            tasks.add(TaskRun.initial(
                    runId, spec.id(), spec.type(), spec.retryPolicy().retries() + 1));
        }
        boolean created = afterCommit.inTransaction(tx -> {
            WorkflowLock lock = tx.lockWorkflow(workflow.id());
            if (tx.runExists(runId)) {
                throw new ConflictException("run '" + runId + "' already exists");
            }
            if (!claim.claim(tx, runId)) {
                return Committed.nothing(false);
            }
            tx.insertRun(run, tasks);
            claim.recordRun(tx, runId, now);
            params.forEach((k, v) -> tx.putParam(runId, k, String.valueOf(v)));
            LOG.debug("run {} of {} queued (triggered by {})", runId, workflow.id(), request.triggeredBy());
            Effects.Builder effects = new Effects.Builder();
            if (afterCommit.isConnected()) {
                queued.in(tx, lock, workflow, effects);
            }
            return Committed.of(true, effects.build());
        });
        return created ? store.run(runId) : Optional.empty();
    }

    private static Run queuedRun(
            TriggerRequest request,
            Workflow workflow,
            String runId,
            long experimentId,
            Map<String, Object> params,
            Instant now) {
        Instant logicalDate = request.logicalDate() == null ? now : request.logicalDate();
        Instant intervalStart = request.dataIntervalStart() == null ? logicalDate : request.dataIntervalStart();
        Instant intervalEnd = request.dataIntervalEnd() == null ? logicalDate : request.dataIntervalEnd();
        return new Run(
                runId,
                workflow.id(),
                experimentId,
                RunState.QUEUED,
                request.runType(),
                request.triggeredBy(),
                request.conf(),
                params,
                workflow.sourceHash(),
                logicalDate,
                intervalStart,
                intervalEnd,
                now,
                null,
                null,
                request.note());
    }

    /**
     * 32 hex digits, as MLflow's run ids, from a time-ordered UUID (version 7): runs sort by when they were created,
     * and the rows of new runs go to the end of the database's indexes instead of to random pages.
     */
    private static String newRunId() {
        UUID uuid = RUN_IDS.generate();
        return HexFormat.of().toHexDigits(uuid.getMostSignificantBits())
                + HexFormat.of().toHexDigits(uuid.getLeastSignificantBits());
    }
}
