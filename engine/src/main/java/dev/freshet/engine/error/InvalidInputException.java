package dev.freshet.engine.error;

/** Input from a person or a file is wrong; the message names the field or the place. */
public class InvalidInputException extends FreshetException {
    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
