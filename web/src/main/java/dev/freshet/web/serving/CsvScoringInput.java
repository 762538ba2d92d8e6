package dev.freshet.web.serving;

import dev.freshet.engine.error.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code text/csv} scoring input: a header row naming the columns, then one row per prediction. */
final class CsvScoringInput {
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setTrim(true)
            .setIgnoreEmptyLines(true)
            .get();

    private CsvScoringInput() {}

    static double[][] rows(String body, List<String> features) {
        FeatureRows rows = new FeatureRows(features);
        try (CSVParser parser = CSVParser.parse(new StringReader(body == null ? "" : body), FORMAT)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw new InvalidInputException("text/csv: expected a header row naming the columns");
            }
            rows.positionsIn(header, "text/csv header");
            int i = 0;
            for (CSVRecord record : parser) {
                double[] values = new double[features.size()];
                for (int j = 0; j < values.length; j++) {
                    String feature = features.get(j);
                    if (!record.isSet(feature)) {
                        throw rows.missingColumn(feature, "text/csv: row " + i);
                    }
                    values[j] = number(record.get(feature), i, feature);
                }
                rows.add(values);
                i++;
            }
        } catch (IOException | UncheckedIOException e) {
            // the body is in memory, so these are parse errors such as broken quoting; the parser's own message
            // names the line, without the name of its exception class that UncheckedIOException puts before it
            throw new InvalidInputException(
                    "text/csv: " + (e.getCause() instanceof IOException cause ? cause : e).getMessage());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // commons-csv reports some broken input this way
            throw new InvalidInputException("text/csv: " + e.getMessage());
        }
        return rows.toArray();
    }

    private static double number(String text, int row, String column) {
        try {
            return FeatureRows.finite(Double.parseDouble(text), row, column);
        } catch (NumberFormatException e) {
            String shown = text.length() <= 40 ? text : text.substring(0, 37) + "...";
            throw FeatureRows.notANumber(row, column, "'" + shown + "'");
        }
    }
}
