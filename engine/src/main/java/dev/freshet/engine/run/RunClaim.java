package dev.freshet.engine.run;

import java.time.Instant;
import java.util.List;

/**
 * What a run is started for, claimed in the transaction that creates it, under the workflow's lock: false when it is
 * already taken (by another node, or before a restart), and then no run is created.
 */
@FunctionalInterface
public interface RunClaim {
    /** Nothing to claim: every trigger gets its run. */
    RunClaim NONE = (tx, runId) -> true;

    /** Takes what the run is started for, before the run's row is written; false, writing nothing, when taken. */
    boolean claim(RunTransaction tx, String runId);

    /** Writes what refers to the run's row, once it is inserted in the same transaction. */
    default void recordRun(RunTransaction tx, String runId, Instant at) {}

    /** Landed file contents for a file trigger: taken unless any of them already started a run. */
    static RunClaim files(List<FileClaim> claims) {
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("a run for files needs at least one file");
        }
        List<FileClaim> copy = List.copyOf(claims);
        return new RunClaim() {
            @Override
            public boolean claim(RunTransaction tx, String runId) {
                return copy.stream().noneMatch(tx::isClaimed);
            }

            @Override
            public void recordRun(RunTransaction tx, String runId, Instant at) {
                copy.forEach(claim -> tx.insertClaim(claim, runId, at));
            }
        };
    }
}
