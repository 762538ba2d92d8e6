package dev.freshet.engine.run;

import java.util.Objects;

/** What a transaction returns: its value, and the effects to apply once it has committed. */
public record Committed<T>(T value, Effects effects) {
    public Committed {
        Objects.requireNonNull(effects, "effects");
    }

    public static <T> Committed<T> of(T value, Effects effects) {
        return new Committed<>(value, effects);
    }

    public static <T> Committed<T> nothing(T value) {
        return new Committed<>(value, Effects.NONE);
    }
}
