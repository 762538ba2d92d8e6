package dev.freshet.engine.task;

/** The log of one try, written to its own file and readable through the API and UI. */
public interface TaskLog {
    void info(String message, Object... args);

    void warn(String message, Object... args);

    void error(String message, Object... args);
}
