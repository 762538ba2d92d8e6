package dev.freshet.engine.run;

/** Told after a run reaches a terminal state (after the transaction that ended it committed). */
@FunctionalInterface
public interface RunListener {
    void runFinished(Run run);
}
