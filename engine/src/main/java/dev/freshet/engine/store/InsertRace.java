package dev.freshet.engine.store;

import org.jooq.exception.IntegrityConstraintViolationException;

/**
 * Insert-if-absent of a row that two transactions may create at once. PostgreSQL's ON CONFLICT DO NOTHING settles
 * that race itself; H2's MERGE, which jOOQ emulates it with, can still fail on the unique key. Losing the race is
 * fine: the row is there, which is all the caller wanted (H2 keeps the transaction usable after the failed statement).
 */
final class InsertRace {
    private InsertRace() {}

    static void ignore(Runnable insert) {
        try {
            insert.run();
        } catch (IntegrityConstraintViolationException lost) {
            // another transaction created the row first
        }
    }
}
