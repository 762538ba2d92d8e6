package dev.freshet.engine.run;

import java.util.Locale;

/** A run's state, with Airflow's names. */
public enum RunState {
    QUEUED,
    RUNNING,
    SUCCESS,
    FAILED;

    public boolean isTerminal() {
        return this == SUCCESS || this == FAILED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunState fromWire(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
