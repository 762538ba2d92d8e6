package dev.freshet.engine.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one way work follows a commit: runs a transaction that returns its {@link Effects}, and applies them only
 * once it has committed — tries to the queue, interrupts to the tries running here, ended runs to whoever follows
 * them, produced datasets to the workflows they trigger. A transaction that throws (rolls back) applies nothing.
 */
public final class AfterCommit {
    private final RunStore store;
    private final Clock clock;
    private volatile TaskQueue queue;
    private volatile Consumer<TryKey> interrupt = key -> {};
    private volatile Consumer<Run> runFinished = run -> {};
    private volatile Consumer<List<String>> datasetsProduced = datasets -> {};

    public AfterCommit(RunStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Connects the queue, what interrupts a try running here, and what follows the end of a run. */
    void connect(TaskQueue taskQueue, Consumer<TryKey> interruptTry, Consumer<Run> onRunFinished) {
        this.queue = taskQueue;
        this.interrupt = interruptTry;
        this.runFinished = onRunFinished;
    }

    /** Told, after the commit, of the datasets each recorded success produced. */
    void onDatasetsProduced(Consumer<List<String>> listener) {
        this.datasetsProduced = listener;
    }

    boolean isConnected() {
        return queue != null;
    }

    /** The queue, for what asks whether it holds a try. */
    TaskQueue queue() {
        return queue;
    }

    /** Runs {@code work} in one transaction; once it has committed, applies its effects and returns its value. */
    public <T> T inTransaction(Function<RunTransaction, Committed<T>> work) {
        Committed<T> committed = Objects.requireNonNull(store.inTransaction(work), "a transaction's result");
        apply(committed.effects());
        return committed.value();
    }

    /** Applies effects of a transaction that has committed. */
    public void apply(Effects effects) {
        if (effects.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (Effects.Submission submission : effects.submissions()) {
            queue.submit(submission.key(), delayUntil(now, submission.notBefore()));
        }
        effects.interrupts().forEach(interrupt);
        effects.finishedRuns().forEach(runFinished);
        if (!effects.datasetsProduced().isEmpty()) {
            datasetsProduced.accept(effects.datasetsProduced());
        }
    }

    static Duration delayUntil(Instant now, Instant at) {
        if (at == null || !at.isAfter(now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, at);
    }
}
