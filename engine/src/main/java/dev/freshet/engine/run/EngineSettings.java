package dev.freshet.engine.run;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/** Where the engine keeps its files, which host it is, and its clock. */
public record EngineSettings(Path home, String hostname, Clock clock) {
    public EngineSettings {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(clock, "clock");
    }

    public Path logRoot() {
        return home.resolve("logs");
    }
}
