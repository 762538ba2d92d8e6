package dev.freshet.engine.tracking;

/**
 * Told after a move of an alias has committed (a promotion, a rollback, a {@code promote.model} task's
 * compare-and-set), on the thread that moved it: a listener must return quickly.
 */
@FunctionalInterface
public interface AliasListener {
    void aliasMoved(AliasMove move);
}
