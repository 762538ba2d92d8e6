package dev.freshet.engine.run;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What follows the commit that ended a run: a log line, its listeners told, its workflow's queued runs started. */
final class RunEndListeners {
    private static final Logger LOG = LoggerFactory.getLogger(RunEndListeners.class);

    private final List<RunListener> listeners = new CopyOnWriteArrayList<>();
    private final StartQueuedRuns queued;

    RunEndListeners(StartQueuedRuns queued) {
        this.queued = queued;
    }

    void add(RunListener listener) {
        listeners.add(listener);
    }

    void remove(RunListener listener) {
        listeners.remove(listener);
    }

    void runFinished(Run run) {
        LOG.info("run {} of {} {}", run.runId(), run.workflowId(), run.state().wireName());
        for (RunListener listener : listeners) {
            try {
                listener.runFinished(run);
            } catch (RuntimeException e) {
                LOG.warn("run listener failed for {}: {}", run.runId(), e.getMessage());
            }
        }
        queued.of(run.workflowId());
    }
}
