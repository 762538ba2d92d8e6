package dev.freshet.web.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.monitoring.Label;
import dev.freshet.web.HttpProblem;
import dev.freshet.web.JsonBody;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A feedback body: {@code {"feedback": [{"prediction_id": ID, "label": NUMBER}, …]}} as JSON, or {@code text/csv}
 * with the header {@code prediction_id,label}. Errors name the entry ({@code feedback[3].label}) or the CSV row.
 */
final class FeedbackInput {
    static final String ID = "prediction_id";
    static final String LABEL = "label";
    private static final CSVFormat CSV = CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .get();

    private FeedbackInput() {}

    static List<Label> parse(String contentType, String body, ObjectMapper mapper) {
        String mediaType =
                contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return switch (mediaType) {
            case "application/json" -> json(body, mapper);
            case "text/csv" -> csv(body);
            default ->
                throw HttpProblem.unsupportedMediaType("Content-Type must be application/json or text/csv, got "
                        + (mediaType.isEmpty() ? "none" : "'" + mediaType + "'"));
        };
    }

    private static List<Label> json(String body, ObjectMapper mapper) {
        JsonNode feedback = JsonBody.parse(body, mapper).node().get("feedback");
        if (feedback == null || feedback.isNull()) {
            throw new InvalidInputException("feedback: required, expected an array of {\"prediction_id\", \"label\"}");
        }
        if (!feedback.isArray()) {
            throw new InvalidInputException("feedback: expected an array, got " + JsonBody.describe(feedback));
        }
        List<Label> labels = new ArrayList<>(feedback.size());
        for (int i = 0; i < feedback.size(); i++) {
            String where = "feedback[" + i + "]";
            JsonNode entry = feedback.get(i);
            if (!entry.isObject()) {
                throw new InvalidInputException(where + ": expected an object, got " + JsonBody.describe(entry));
            }
            JsonNode id = entry.get(ID);
            if (id == null || !id.isTextual() || id.textValue().isBlank()) {
                throw new InvalidInputException(
                        where + "." + ID + ": expected a prediction id (a string), got " + JsonBody.describe(id));
            }
            JsonNode label = entry.get(LABEL);
            if (label == null || !label.isNumber() || !Double.isFinite(label.doubleValue())) {
                throw new InvalidInputException(
                        where + "." + LABEL + ": expected a number, got " + JsonBody.describe(label));
            }
            labels.add(new Label(id.textValue(), label.doubleValue()));
        }
        return labels;
    }

    private static List<Label> csv(String body) {
        List<Label> labels = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(body == null ? "" : body), CSV)) {
            List<String> header = parser.getHeaderNames();
            for (String column : List.of(ID, LABEL)) {
                if (!header.contains(column)) {
                    throw new InvalidInputException("text/csv header: column '" + column
                            + "' is missing; expected the header " + ID + "," + LABEL);
                }
                if (header.indexOf(column) != header.lastIndexOf(column)) {
                    throw new InvalidInputException("text/csv header: column '" + column + "' is given twice; expected"
                            + " the header " + ID + "," + LABEL);
                }
            }
            int row = 0;
            for (CSVRecord record : parser) {
                String where = "text/csv: row " + row + " (line " + parser.getCurrentLineNumber() + ")";
                String id = record.isSet(ID) ? record.get(ID) : "";
                if (id.isBlank()) {
                    throw new InvalidInputException(where + ", column '" + ID + "': the prediction id is empty");
                }
                String text = record.isSet(LABEL) ? record.get(LABEL) : "";
                labels.add(new Label(id, number(text, where)));
                row++;
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // the body is in memory, so these are parse errors such as broken quoting; the parser's own message
            // names the line, without the name of its exception class that UncheckedIOException puts before it
            throw new InvalidInputException(
                    "text/csv: " + (e.getCause() instanceof IOException cause ? cause : e).getMessage());
        }
        return labels;
    }

    private static double number(String text, String where) {
        try {
            double value = Double.parseDouble(text);
            if (Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        String shown = text.length() <= 40 ? text : text.substring(0, 37) + "...";
        throw new InvalidInputException(where + ", column '" + LABEL + "': '" + shown + "' is not a number");
    }
}
