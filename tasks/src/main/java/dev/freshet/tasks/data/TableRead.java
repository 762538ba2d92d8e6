package dev.freshet.tasks.data;

import java.util.Objects;

/** A table read from a file, and how many rows were left out because a value was missing. */
public record TableRead(Table table, int droppedRows) {
    public TableRead {
        Objects.requireNonNull(table, "table");
        if (droppedRows < 0) {
            throw new IllegalArgumentException("droppedRows must be >= 0");
        }
    }
}
