package dev.freshet.engine.scheduling;

import dev.freshet.engine.error.ConflictException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunService;
import dev.freshet.engine.run.RunType;
import dev.freshet.engine.workflow.Workflow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a workflow for the data intervals whose logical dates lie in a range, oldest first, as runs of type
 * {@code backfill} with run ids {@code backfill__<logical date>}. Runs beyond {@code max_active_runs} wait queued. An
 * interval that already has a scheduled or backfill run is not run again.
 */
public final class Backfill {
    private final RunService runs;

    /** One interval of a backfill: the run started for it, or the run that already covered it. */
    public record Item(DataInterval interval, Run run, boolean alreadyRan) {}

    public Backfill(RunService runs) {
        this.runs = runs;
    }

    /** The intervals a backfill of [from, to] covers, without running anything. */
    public static List<DataInterval> intervals(Workflow workflow, Instant from, Instant to) {
        return Timetable.of(workflow).intervalsBetween(from, to);
    }

    public List<Item> start(Workflow workflow, Instant from, Instant to, Map<String, Object> conf, String triggeredBy) {
        List<Item> items = new ArrayList<>();
        for (DataInterval interval : intervals(workflow, from, to)) {
            Optional<Run> existing = existingRun(interval);
            if (existing.isPresent()) {
                items.add(new Item(interval, existing.get(), true));
                continue;
            }
            try {
                items.add(new Item(
                        interval,
                        runs.trigger(RunRequests.of(workflow.id(), RunType.BACKFILL, interval, conf, triggeredBy)),
                        false));
            } catch (ConflictException raced) {
                items.add(new Item(
                        interval, runs.run(RunRequests.runId(RunType.BACKFILL, interval.logicalDate())), true));
            }
        }
        return items;
    }

    private Optional<Run> existingRun(DataInterval interval) {
        for (RunType type : List.of(RunType.SCHEDULED, RunType.BACKFILL)) {
            try {
                return Optional.of(runs.run(RunRequests.runId(type, interval.logicalDate())));
            } catch (NotFoundException absent) {
                // try the next kind
            }
        }
        return Optional.empty();
    }
}
