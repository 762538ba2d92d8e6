package dev.freshet.engine.tracking;

import java.util.Objects;

/** An alias of a model that now points at {@code toVersion}; {@code fromVersion} is null when the alias was new. */
public record AliasMove(String name, String alias, Integer fromVersion, int toVersion) {
    public AliasMove {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(alias, "alias");
    }
}
