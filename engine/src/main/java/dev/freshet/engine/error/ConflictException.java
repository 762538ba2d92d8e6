package dev.freshet.engine.error;

/** The request clashes with the current state (a duplicate id, a state that does not allow the change). */
public class ConflictException extends FreshetException {
    public ConflictException(String message) {
        super(message);
    }
}
