package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.freshet.engine.error.InvalidInputException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** What an ingested data set is made of: its columns and its batches in union order. */
@JsonPropertyOrder({"columns", "rows", "batches"})
public record DatasetManifest(
        @JsonProperty("columns") List<String> columns,
        @JsonProperty("rows") int rows,
        @JsonProperty("batches") List<BatchSpan> batches) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public DatasetManifest {
        columns = List.copyOf(columns);
        batches = List.copyOf(batches);
    }

    public void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot write the manifest: " + e.getMessage(), e);
        }
    }

    public static DatasetManifest read(Path file) {
        try {
            return JSON.readValue(file.toFile(), DatasetManifest.class);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not a dataset manifest: " + e.getMessage(), e);
        }
    }
}
