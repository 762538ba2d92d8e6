package dev.freshet.engine.error;

/** The root of every exception Freshet throws on purpose; unchecked, with a message a person can act on. */
public class FreshetException extends RuntimeException {
    public FreshetException(String message) {
        super(message);
    }

    public FreshetException(String message, Throwable cause) {
        super(message, cause);
    }
}
