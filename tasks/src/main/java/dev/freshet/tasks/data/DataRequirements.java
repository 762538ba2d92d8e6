package dev.freshet.tasks.data;

import dev.freshet.engine.InvalidInputException;

import java.util.List;
import java.util.Objects;

/** What a data file must satisfy: the columns it must have and the fewest data rows it may have. */
public record DataRequirements(List<String> requiredColumns, int minRows) {

    public DataRequirements {
        Objects.requireNonNull(requiredColumns, "requiredColumns");
        requiredColumns = List.copyOf(requiredColumns);
        if (minRows < 0) {
            throw new InvalidInputException("min_rows must be >= 0, was " + minRows);
        }
        if (requiredColumns.stream().anyMatch(String::isBlank)) {
            throw new InvalidInputException("required column names must not be blank: " + requiredColumns);
        }
    }
}
