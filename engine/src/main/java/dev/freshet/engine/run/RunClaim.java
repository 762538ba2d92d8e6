package dev.freshet.engine.run;

/**
 * What a run is started for, claimed in the transaction that creates it, under the workflow's lock: false when it is
 * already taken (by another node, or before a restart), and then no run is created.
 */
@FunctionalInterface
public interface RunClaim {
    boolean claim(RunTransaction tx, String runId);
}
