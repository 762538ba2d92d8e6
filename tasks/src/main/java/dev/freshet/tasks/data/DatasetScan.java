package dev.freshet.tasks.data;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.error.InvalidInputException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What ingest's one parse found besides the values it wrote to the snapshot: the problems (at their union line,
 * the first few of each kind per column, with exact counts) and where each snapshot row came from. Validation
 * reads this with the snapshot instead of parsing the batches again. Its size grows with problems, not rows.
 */
public record DatasetScan(
        @JsonProperty("scan") CsvScan scan,
        @JsonProperty("lines") LineMap lines) {

    private static final ObjectMapper JSON =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public DatasetScan {
        Objects.requireNonNull(scan, "scan");
        Objects.requireNonNull(lines, "lines");
    }

    public void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": cannot write the scan: " + e.getMessage(), e);
        }
    }

    public static DatasetScan read(Path file) {
        try {
            return JSON.readValue(file.toFile(), DatasetScan.class);
        } catch (IOException e) {
            throw new InvalidInputException(file + ": not a data-set scan: " + e.getMessage(), e);
        }
    }
}
