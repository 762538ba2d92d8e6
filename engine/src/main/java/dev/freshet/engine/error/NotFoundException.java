package dev.freshet.engine.error;

/** A named thing (workflow, run, task, experiment, model) does not exist. */
public class NotFoundException extends FreshetException {
    public NotFoundException(String message) {
        super(message);
    }
}
