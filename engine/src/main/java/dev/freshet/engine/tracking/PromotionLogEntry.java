package dev.freshet.engine.tracking;

import java.time.Instant;
import java.util.Objects;

/** One move of an alias; {@code fromVersion} is null when the alias was new. */
public record PromotionLogEntry(
        long id,
        String name,
        String alias,
        Integer fromVersion,
        int toVersion,
        String runId,
        String reason,
        Instant loggedAt) {
    public PromotionLogEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(reason, "reason");
    }
}
