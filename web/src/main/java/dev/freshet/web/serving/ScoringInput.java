package dev.freshet.web.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.web.HttpProblem;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/** Turns a scoring request body into rows in the model's feature order, by its content type. */
public final class ScoringInput {
    private ScoringInput() {}

    public enum Format {
        JSON,
        CSV
    }

    /** The format a Content-Type header names; a 415 problem for anything but JSON or CSV. */
    public static Format format(String contentType) {
        String mediaType =
                contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case "application/json" -> Format.JSON;
            case "text/csv" -> Format.CSV;
            default ->
                throw HttpProblem.unsupportedMediaType("Content-Type must be application/json or text/csv, got "
                        + (mediaType.isEmpty() ? "none" : "'" + mediaType + "'"));
        };
    }

    /** As {@link #rows(Format, String, List, ObjectMapper)}, JSON parsed straight from the request's bytes. */
    public static double[][] rows(Format format, byte[] body, List<String> features, ObjectMapper mapper) {
        return switch (format) {
            case JSON -> JsonScoringInput.rows(body, features, mapper);
            case CSV -> CsvScoringInput.rows(new String(body, StandardCharsets.UTF_8), features);
        };
    }

    public static double[][] rows(Format format, String body, List<String> features, ObjectMapper mapper) {
        return switch (format) {
            case JSON -> JsonScoringInput.rows(body, features, mapper);
            case CSV -> CsvScoringInput.rows(body, features);
        };
    }
}
