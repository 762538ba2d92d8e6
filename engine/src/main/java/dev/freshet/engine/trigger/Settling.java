package dev.freshet.engine.trigger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which files have stopped changing: a file counts once its size and modification time have stayed the same, as
 * seen at each look, for the settle time on the engine's clock. A file that changes starts over.
 */
final class Settling {
    private record Seen(LandedFile file, Instant since) {}

    private final Duration settle;
    private Map<String, Seen> seen = new HashMap<>();

    Settling(Duration settle) {
        this.settle = settle;
    }

    Duration settle() {
        return settle;
    }

    /** Of the files there now, those that have been unchanged for the settle time; forgets the files gone. */
    List<LandedFile> settled(List<LandedFile> files, Instant now) {
        Map<String, Seen> next = new HashMap<>();
        List<LandedFile> settled = new ArrayList<>();
        for (LandedFile file : files) {
            Seen before = seen.get(file.path());
            Seen current = before != null && before.file().sameAs(file) ? before : new Seen(file, now);
            next.put(file.path(), current);
            if (!now.isBefore(current.since().plus(settle))) {
                settled.add(file);
            }
        }
        seen = next;
        return settled;
    }
}
