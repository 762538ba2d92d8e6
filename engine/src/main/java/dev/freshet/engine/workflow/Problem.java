package dev.freshet.engine.workflow;

/**
 * One thing wrong with a workflow file, formatted as {@code file:line:column: message} so editors and terminals can
 * jump to it.
 *
 * @param line   1-based; 0 when the problem is about the file as a whole (it cannot be read, an id clashes)
 * @param column 1-based; 0 when {@code line} is 0
 */
public record Problem(String source, int line, int column, String message) {
    public Problem {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("a problem needs the name of its source");
        }
        if (message == null || message.isBlank()) {
            throw new IllegalArgumentException("a problem needs a message");
        }
        if (line < 0 || column < 0 || (line == 0) != (column == 0)) {
            throw new IllegalArgumentException("invalid position " + line + ":" + column);
        }
    }

    /** A problem with the whole file rather than one place in it. */
    public static Problem inFile(String source, String message) {
        return new Problem(source, 0, 0, message);
    }

    public boolean hasPosition() {
        return line > 0;
    }

    @Override
    public String toString() {
        return hasPosition() ? source + ":" + line + ":" + column + ": " + message : source + ": " + message;
    }
}
