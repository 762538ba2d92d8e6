package dev.freshet.engine.run;

import dev.freshet.engine.workflow.TriggerRule;

import java.util.Collection;

/** Airflow's trigger rules: given the states of a task's upstream tasks, what happens to it now. */
final class TriggerRules {

    enum Decision {
        WAIT,
        RUN,
        UPSTREAM_FAILED,
        SKIP
    }

    private TriggerRules() {}

    static Decision decide(TriggerRule rule, Collection<TaskState> upstream) {
        if (upstream.isEmpty()) {
            return Decision.RUN;
        }
        int total = upstream.size();
        int success = 0;
        int skipped = 0;
        int failed = 0;
        int done = 0;
        // one pass, no streams: every hop of every run decides its successors' rules here
        for (TaskState state : upstream) {
            success += state == TaskState.SUCCESS ? 1 : 0;
            skipped += state == TaskState.SKIPPED ? 1 : 0;
            failed += state.isFailure() ? 1 : 0;
            done += state.isTerminal() ? 1 : 0;
        }
        boolean allDone = done == total;
        return switch (rule) {
            case ALL_SUCCESS ->
                failed > 0
                        ? Decision.UPSTREAM_FAILED
                        : skipped > 0 ? Decision.SKIP : success == total ? Decision.RUN : Decision.WAIT;
            case ALL_FAILED ->
                success > 0 || skipped > 0 ? Decision.SKIP : failed == total ? Decision.RUN : Decision.WAIT;
            case ALL_DONE -> allDone ? Decision.RUN : Decision.WAIT;
            case ONE_SUCCESS ->
                success > 0
                        ? Decision.RUN
                        : !allDone ? Decision.WAIT : failed > 0 ? Decision.UPSTREAM_FAILED : Decision.SKIP;
            case ONE_FAILED -> failed > 0 ? Decision.RUN : allDone ? Decision.SKIP : Decision.WAIT;
            case NONE_FAILED -> failed > 0 ? Decision.UPSTREAM_FAILED : allDone ? Decision.RUN : Decision.WAIT;
            case NONE_SKIPPED -> skipped > 0 ? Decision.SKIP : allDone ? Decision.RUN : Decision.WAIT;
            case ALWAYS -> Decision.RUN;
        };
    }
}
