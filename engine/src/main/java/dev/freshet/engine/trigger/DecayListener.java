package dev.freshet.engine.trigger;

import dev.freshet.engine.run.RunTransaction;

/**
 * Hears of each decay detected, inside the transaction that stores the crossing and creates the run it starts: what
 * it writes there commits with them or not at all. The outbox's {@code decay_detected} event is written there
 * already, whoever listens.
 */
@FunctionalInterface
public interface DecayListener {
    DecayListener NONE = (event, tx) -> {};

    void decayDetected(DecayCrossing event, RunTransaction tx);
}
