package dev.freshet.engine.trigger;

import dev.freshet.engine.run.DatasetEvent;
import dev.freshet.engine.run.RunService;
import dev.freshet.engine.run.RunStore;
import dev.freshet.engine.run.RunType;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starts the runs of workflows with {@code trigger: { datasets: [...] }} from the dataset events other runs recorded:
 * with one dataset, a run per event; with several, one run once each has an event the workflow has not consumed,
 * taking all of them. Each run claims its events in the transaction that creates it, so an event starts one run per
 * consuming workflow however many engines see it and however often. Called after a commit that recorded events, at
 * start-up for events whose commit a crash separated from this call, and when a workflow is unpaused (a paused one is
 * not started; its events wait).
 */
public final class DatasetRuns {
    public static final String TRIGGERED_BY = "dataset";
    private static final Logger LOG = LoggerFactory.getLogger(DatasetRuns.class);
    private static final int EVENTS_PER_LOOK = 100;

    private final RunStore store;
    private final RunService runs;
    private final Supplier<List<Workflow>> workflows;

    public DatasetRuns(RunStore store, RunService runs, Supplier<List<Workflow>> workflows) {
        this.store = store;
        this.runs = runs;
        this.workflows = workflows;
    }

    /** Starts the runs that events of {@code datasets} are due to start. */
    public void produced(Collection<String> datasets) {
        for (Workflow workflow : workflows.get()) {
            if (datasets.stream().anyMatch(workflow::consumes)) {
                startPending(workflow);
            }
        }
    }

    /** Starts every run that events not yet consumed are due to start. */
    public void startPending() {
        workflows.get().stream().filter(w -> w.trigger().datasets() != null).forEach(this::startPending);
    }

    private void startPending(Workflow workflow) {
        if (store.isPaused(workflow.id())) {
            return; // its events wait; unpausing starts their runs
        }
        try {
            List<String> datasets = workflow.trigger().datasets().datasets();
            if (datasets.size() == 1) {
                for (DatasetEvent event :
                        store.unconsumedDatasetEvents(workflow.id(), datasets.get(0), EVENTS_PER_LOOK)) {
                    start(workflow, List.of(event));
                }
                return;
            }
            List<DatasetEvent> events = new ArrayList<>();
            for (String dataset : datasets) {
                List<DatasetEvent> pending = store.unconsumedDatasetEvents(workflow.id(), dataset, EVENTS_PER_LOOK);
                if (pending.isEmpty()) {
                    return;
                }
                events.addAll(pending);
            }
            start(workflow, events);
        } catch (RuntimeException e) {
            // A workflow that cannot start (paused is fine; a bad conf is not) must not keep the others from theirs.
            LOG.warn("could not start {} for its datasets: {}", workflow.id(), e.getMessage(), e);
        }
    }

    private void start(Workflow workflow, List<DatasetEvent> events) {
        List<Long> ids = events.stream().map(DatasetEvent::eventId).toList();
        TriggerRequest request = TriggerRequest.of(workflow.id(), RunType.DATASET_TRIGGERED, TRIGGERED_BY)
                .withConf(Map.of(
                        "datasets", events.stream().map(DatasetRuns::conf).toList()));
        runs.trigger(request, (tx, runId) -> tx.claimDatasetEvents(workflow.id(), ids, runId))
                .ifPresent(run ->
                        LOG.info("run {} of {} started by dataset event(s) {}", run.runId(), workflow.id(), ids));
    }

    /** How {@code conf.datasets} names an event. */
    static Map<String, Object> conf(DatasetEvent event) {
        Map<String, Object> conf = new LinkedHashMap<>();
        conf.put("dataset", event.dataset());
        conf.put("event_id", event.eventId());
        conf.put("workflow_id", event.workflowId());
        conf.put("run_id", event.runId());
        conf.put("task_id", event.taskId());
        conf.put("time", event.createdAt().toString());
        return conf;
    }
}
