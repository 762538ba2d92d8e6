package dev.freshet.engine.run;

import dev.freshet.engine.error.ConflictException;

/** A state change that the state machine does not allow, e.g. success → running. */
public class IllegalTransitionException extends ConflictException {
    public IllegalTransitionException(String what, Object from, Object to) {
        super(what + ": cannot move from " + from + " to " + to);
    }
}
