package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.freshet.engine.error.InvalidInputException;

import java.util.Objects;

/**
 * What one column must look like.
 *
 * @param required whether the data must have the column
 * @param min      the smallest allowed value, or null for no bound
 * @param max      the largest allowed value, or null for no bound
 */
@JsonPropertyOrder({"name", "type", "required", "min", "max"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ColumnSchema(
        @JsonProperty("name") String name,
        @JsonProperty("type") ColumnType type,
        @JsonProperty("required") boolean required,
        @JsonProperty("min") Double min,
        @JsonProperty("max") Double max) {

    public ColumnSchema {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new InvalidInputException("a schema column needs a name");
        }
        type = type == null ? ColumnType.NUMBER : type;
        if (min != null && max != null && min > max) {
            throw new InvalidInputException("column '" + name + "': min " + min + " is above max " + max);
        }
    }

    public static ColumnSchema number(String name) {
        return new ColumnSchema(name, ColumnType.NUMBER, true, null, null);
    }

    public boolean hasRange() {
        return min != null || max != null;
    }

    public boolean inRange(double value) {
        return (min == null || value >= min) && (max == null || value <= max);
    }

    public String describeRange() {
        return "[" + (min == null ? "-inf" : Numbers.format(min)) + ", " + (max == null ? "inf" : Numbers.format(max))
                + "]";
    }
}
