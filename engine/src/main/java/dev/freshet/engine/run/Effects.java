package dev.freshet.engine.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a transaction leaves to be done once it has committed: tries to hand to the queue (each not before its time),
 * runs that ended (their listeners are told and their workflow's queued runs may start), tries running in this
 * process to interrupt, and the datasets a recorded success produced (the workflows they trigger are told). A
 * transaction builds it and returns it; {@link AfterCommit} applies it once, after the commit, so a transaction that
 * rolls back applies nothing.
 */
public record Effects(
        List<Submission> submissions, List<Run> finishedRuns, List<TryKey> interrupts, List<String> datasetsProduced) {
    public static final Effects NONE = new Effects(List.of(), List.of(), List.of(), List.of());

    /** A try to hand to the queue, to run not before {@code notBefore}. */
    public record Submission(TryKey key, Instant notBefore) {
        public Submission {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(notBefore, "notBefore");
        }
    }

    public Effects {
        submissions = List.copyOf(submissions);
        finishedRuns = List.copyOf(finishedRuns);
        interrupts = List.copyOf(interrupts);
        datasetsProduced = List.copyOf(datasetsProduced);
    }

    public boolean isEmpty() {
        return submissions.isEmpty() && finishedRuns.isEmpty() && interrupts.isEmpty() && datasetsProduced.isEmpty();
    }

    /** Collects the effects of one transaction as it decides them. */
    public static final class Builder {
        private final List<Submission> submissions = new ArrayList<>();
        private final List<Run> finishedRuns = new ArrayList<>();
        private final List<TryKey> interrupts = new ArrayList<>();
        private final List<String> datasetsProduced = new ArrayList<>();

        public Builder submit(TryKey key, Instant notBefore) {
            submissions.add(new Submission(key, notBefore));
            return this;
        }

        public Builder finished(Run run) {
            finishedRuns.add(run);
            return this;
        }

        public Builder interrupt(TryKey key) {
            interrupts.add(key);
            return this;
        }

        public Builder produced(List<String> datasets) {
            datasetsProduced.addAll(datasets);
            return this;
        }

        public Effects build() {
            return new Effects(submissions, finishedRuns, interrupts, datasetsProduced);
        }
    }
}
