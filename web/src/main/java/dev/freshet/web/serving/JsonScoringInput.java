package dev.freshet.web.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.web.JsonBody;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * MLflow's JSON scoring input: exactly one of {@code dataframe_split} ({@code {columns, data}}),
 * {@code dataframe_records} ({@code [{col: v}]}), {@code instances} or {@code inputs} (a list of objects, a list of
 * lists in the model's feature order, or an object of columns {@code {col: [v, ...]}}). {@code params} is allowed
 * and ignored.
 */
final class JsonScoringInput {
    static final List<String> FORMATS = List.of("dataframe_split", "dataframe_records", "instances", "inputs");
    private static final Set<String> IGNORED = Set.of("params");

    private JsonScoringInput() {}

    static double[][] rows(String body, List<String> features, ObjectMapper mapper) {
        return rows(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), features, mapper);
    }

    static double[][] rows(byte[] body, List<String> features, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : mapper.readTree(body);
        } catch (IOException e) {
            if (!(e instanceof JsonProcessingException)) {
                throw new UncheckedIOException(e);
            }
            throw JsonBody.malformed((JsonProcessingException) e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(
                    "request body: expected a JSON object with one of " + FORMATS + ", got " + JsonBody.describe(root));
        }
        String format = null;
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (FORMATS.contains(name)) {
                if (format != null) {
                    throw new InvalidInputException(
                            "request body: give only one of " + FORMATS + ", got '" + format + "' and '" + name + "'");
                }
                format = name;
            } else if (!IGNORED.contains(name)) {
                throw new InvalidInputException("request body: unknown key '" + name + "'; expected one of " + FORMATS);
            }
        }
        if (format == null) {
            throw new InvalidInputException("request body: expected one of " + FORMATS);
        }
        FeatureRows rows = new FeatureRows(features);
        JsonNode input = root.get(format);
        switch (format) {
            case "dataframe_split" -> split(input, rows);
            case "dataframe_records" -> records(format, input, rows);
            default -> instances(format, input, rows);
        }
        return rows.toArray();
    }

    private static void split(JsonNode split, FeatureRows rows) {
        if (!split.isObject()) {
            throw new InvalidInputException(
                    "dataframe_split: expected an object {\"columns\": [...], \"data\": [[...]]}, " + "got "
                            + JsonBody.describe(split));
        }
        JsonNode data = split.get("data");
        if (data == null || !data.isArray()) {
            throw new InvalidInputException(
                    "dataframe_split.data: expected a list of rows, got " + JsonBody.describe(data));
        }
        JsonNode columnsNode = split.get("columns");
        if (columnsNode == null || columnsNode.isNull()) {
            positional("dataframe_split.data", data, rows);
            return;
        }
        if (!columnsNode.isArray()) {
            throw new InvalidInputException(
                    "dataframe_split.columns: expected a list of column names, got " + JsonBody.describe(columnsNode));
        }
        List<String> columns = new ArrayList<>();
        for (JsonNode column : columnsNode) {
            if (!column.isTextual()) {
                throw new InvalidInputException(
                        "dataframe_split.columns: expected column names, got " + JsonBody.describe(column));
            }
            columns.add(column.textValue());
        }
        int[] positions = rows.positionsIn(columns, "dataframe_split");
        for (int i = 0; i < data.size(); i++) {
            JsonNode row = data.get(i);
            if (!row.isArray() || row.size() != columns.size()) {
                throw new InvalidInputException("dataframe_split.data: row " + i + " must be a list of "
                        + columns.size() + " values (one per column), got " + sized(row));
            }
            double[] values = new double[positions.length];
            for (int j = 0; j < positions.length; j++) {
                values[j] = number(row.get(positions[j]), i, rows.features().get(j));
            }
            rows.add(values);
        }
    }

    private static void instances(String format, JsonNode input, FeatureRows rows) {
        if (input.isObject()) {
            columnar(format, input, rows);
            return;
        }
        if (!input.isArray()) {
            throw new InvalidInputException(
                    format + ": expected a list of objects or of lists, got " + JsonBody.describe(input));
        }
        if (input.isEmpty() || input.get(0).isObject()) {
            records(format, input, rows);
        } else if (input.get(0).isArray()) {
            positional(format, input, rows);
        } else if (rows.featureCount() == 1) {
            // A flat list of scalars is one value per row when the model has a single feature.
            for (int i = 0; i < input.size(); i++) {
                rows.add(new double[] {number(input.get(i), i, rows.features().get(0))});
            }
        } else {
            throw new InvalidInputException(format + ": expected a list of objects (column: value) or of lists (values "
                    + "in the order " + rows.features() + "), got a list of " + JsonBody.describe(input.get(0)));
        }
    }

    private static void records(String format, JsonNode input, FeatureRows rows) {
        if (!input.isArray()) {
            throw new InvalidInputException(format + ": expected a list of objects, got " + JsonBody.describe(input));
        }
        for (int i = 0; i < input.size(); i++) {
            JsonNode record = input.get(i);
            if (!record.isObject()) {
                throw new InvalidInputException(
                        format + ": row " + i + " must be an object (column: value), got " + JsonBody.describe(record));
            }
            double[] values = new double[rows.featureCount()];
            for (int j = 0; j < values.length; j++) {
                String feature = rows.features().get(j);
                JsonNode value = record.get(feature);
                if (value == null) {
                    throw rows.missingColumn(feature, format + ": row " + i);
                }
                values[j] = number(value, i, feature);
            }
            rows.add(values);
        }
    }

    private static void positional(String where, JsonNode input, FeatureRows rows) {
        for (int i = 0; i < input.size(); i++) {
            JsonNode row = input.get(i);
            if (!row.isArray() || row.size() != rows.featureCount()) {
                throw new InvalidInputException(where + ": row " + i + " must be a list of " + rows.featureCount()
                        + " values in the order " + rows.features() + ", got " + sized(row));
            }
            double[] values = new double[rows.featureCount()];
            for (int j = 0; j < values.length; j++) {
                values[j] = number(row.get(j), i, rows.features().get(j));
            }
            rows.add(values);
        }
    }

    private static void columnar(String format, JsonNode input, FeatureRows rows) {
        int count = -1;
        List<JsonNode> columns = new ArrayList<>();
        for (String feature : rows.features()) {
            JsonNode column = input.get(feature);
            if (column == null) {
                throw rows.missingColumn(feature, format);
            }
            if (!column.isArray() || (count >= 0 && column.size() != count)) {
                throw new InvalidInputException(format + "." + feature + ": expected a list of "
                        + (count >= 0 ? count + " values like the other columns" : "values") + ", got "
                        + sized(column));
            }
            count = column.size();
            columns.add(column);
        }
        for (int i = 0; i < count; i++) {
            double[] values = new double[columns.size()];
            for (int j = 0; j < values.length; j++) {
                values[j] = number(columns.get(j).get(i), i, rows.features().get(j));
            }
            rows.add(values);
        }
    }

    private static double number(JsonNode value, int row, String column) {
        if (value == null || !value.isNumber()) {
            throw FeatureRows.notANumber(row, column, JsonBody.describe(value));
        }
        return FeatureRows.finite(value.doubleValue(), row, column);
    }

    private static String sized(JsonNode node) {
        return node != null && node.isArray() ? "a list of " + node.size() : JsonBody.describe(node);
    }
}
