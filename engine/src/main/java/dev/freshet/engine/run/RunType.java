package dev.freshet.engine.run;

import dev.freshet.engine.error.InvalidInputException;

import java.util.Arrays;
import java.util.Locale;

/**
 * Why a run exists, with Airflow's names: triggered by hand (or an API, or an event other than data), by its
 * schedule, by a backfill, or by data: files that landed or a dataset another run produced.
 */
public enum RunType {
    MANUAL,
    SCHEDULED,
    BACKFILL,
    /** Started by data: files that landed for a file trigger, or datasets another run produced. */
    DATASET_TRIGGERED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RunType fromWire(String name) {
        return Arrays.stream(values())
                .filter(t -> t.wireName().equals(name))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "run_type: '" + name + "' is not one of manual, scheduled, backfill, dataset_triggered"));
    }
}
