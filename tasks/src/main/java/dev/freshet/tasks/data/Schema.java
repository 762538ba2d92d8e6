package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.freshet.engine.error.InvalidInputException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The columns a data set must have, their types and allowed ranges. Declared in a workflow, or inferred from a
 * champion's training data and stored with it as {@code schema.json}.
 */
public record Schema(@JsonProperty("columns") List<ColumnSchema> columns) {

    /** A whole-number column with at most this many distinct values is inferred as {@code integer}. */
    static final int MAX_DISTINCT_FOR_INTEGER = 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public static final Schema EMPTY = new Schema(List.of());

    public Schema {
        columns = List.copyOf(columns);
        Set<String> names = new HashSet<>();
        for (ColumnSchema column : columns) {
            if (!names.add(column.name())) {
                throw new InvalidInputException("the schema names column '" + column.name() + "' twice");
            }
        }
    }

    @JsonIgnore
    public boolean isEmpty() {
        return columns.isEmpty();
    }

    public Optional<ColumnSchema> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return columns.stream().map(ColumnSchema::name).toList();
    }

    /** This schema with the other's columns replacing same-named ones and added after the rest. */
    public Schema overriddenBy(Schema other) {
        Map<String, ColumnSchema> merged = new LinkedHashMap<>();
        columns.forEach(c -> merged.put(c.name(), c));
        other.columns.forEach(c -> merged.put(c.name(), c));
        return new Schema(new ArrayList<>(merged.values()));
    }

    /** This schema with {@code name} present and required (a number column if it was not in the schema). */
    public Schema requiring(String name) {
        ColumnSchema existing = column(name).orElse(ColumnSchema.number(name));
        ColumnSchema required = new ColumnSchema(name, existing.type(), true, existing.min(), existing.max());
        return overriddenBy(new Schema(List.of(required)));
    }

    /**
     * What the data's columns look like, without ranges (one day's minimum is not a law): every column present is
     * required; a column of whole numbers with few distinct values (a count, a grade) is {@code integer}, any other
     * is {@code number}.
     */
    public static Schema infer(ValidationData data) {
        return infer(data.profile(EMPTY, 2));
    }

    /** {@link #infer(ValidationData)} from a profile already taken. */
    public static Schema infer(DataProfile profile) {
        List<ColumnSchema> inferred = new ArrayList<>();
        for (String name : profile.columns()) {
            inferred.add(new ColumnSchema(name, profile.inferredType(name), true, null, null));
        }
        return new Schema(inferred);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a schema as JSON", e);
        }
    }

    public void write(Path file) {
        try {
            Files.writeString(file, toJson());
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot write the schema: " + e.getMessage(), e);
        }
    }

    public static Schema read(Path file) {
        try {
            return JSON.readValue(Files.readString(file), Schema.class);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file + ": schema file not found", e);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not a schema: " + e.getMessage(), e);
        }
    }
}
