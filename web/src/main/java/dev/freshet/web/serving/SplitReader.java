package dev.freshet.web.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the common scoring body {@code {"dataframe_split": {"columns": [...], "data": [[...]]}}} with Jackson's
 * streaming parser, straight into rows in the model's feature order, without building a JSON tree. Anything it
 * does not expect — another format, a missing column, a value that is not a finite number, trailing content — makes
 * it give up (null), and the full reader ({@link JsonScoringInput}) takes the body and explains what is wrong.
 */
final class SplitReader {
    /** Parses numbers with the fast (and as exact) algorithm of FastDoubleParser instead of Double.parseDouble. */
    private final JsonFactory factory = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();
    /** The column order of the last body and where each feature sits in it: clients send the same order each time. */
    private volatile ColumnOrder lastOrder;

    private record ColumnOrder(List<String> columns, List<String> features, int[] positions) {
    }

    /** The rows, or null when this body is not a plain, valid dataframe_split. */
    double[][] rows(byte[] body, List<String> features) {
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT || p.nextToken() != JsonToken.FIELD_NAME
                    || !"dataframe_split".equals(p.currentName()) || p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            List<String> columns = null;
            List<double[]> data = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("columns".equals(field)) {
                    ColumnOrder last = lastOrder;
                    columns = columns(p, value, last == null ? List.of() : last.columns());
                    if (columns == null) {
                        return null;
                    }
                } else if ("data".equals(field)) {
                    ColumnOrder last = lastOrder;
                    data = data(p, value, columns != null ? columns.size() : last != null ? last.columns().size() : 8);
                    if (data == null) {
                        return null;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != JsonToken.END_OBJECT
                    || p.nextToken() != null || columns == null || data == null) {
                return null;
            }
            return inFeatureOrder(columns, data, features);
        } catch (IOException | RuntimeException malformed) {
            return null;
        }
    }

    /** The column names; a name equal to the one at its place in {@code expected} is that same String, not a copy. */
    private static List<String> columns(JsonParser p, JsonToken start, List<String> expected) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> columns = new ArrayList<>(Math.max(expected.size(), 8));
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
            int i = columns.size();
            columns.add(i < expected.size() && sameText(p, expected.get(i)) ? expected.get(i) : p.getText());
        }
        return t == JsonToken.END_ARRAY ? columns : null;
    }

    private static boolean sameText(JsonParser p, String text) throws IOException {
        int length = p.getTextLength();
        if (length != text.length()) {
            return false;
        }
        char[] chars = p.getTextCharacters();
        int offset = p.getTextOffset();
        for (int i = 0; i < length; i++) {
            if (chars[offset + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The rows of {@code data}; {@code width} is the expected number of values in a row, to size them once. */
    private static List<double[]> data(JsonParser p, JsonToken start, int width) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            return null;
        }
        List<double[]> rows = new ArrayList<>(1);
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
            double[] row = new double[Math.max(width, 1)];
            int n = 0;
            JsonToken v;
            while ((v = p.nextToken()) == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT) {
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    return null;
                }
                if (n == row.length) {
                    row = java.util.Arrays.copyOf(row, n * 2);
                }
                row[n++] = d;
            }
            if (v != JsonToken.END_ARRAY) {
                return null;
            }
            rows.add(n == row.length ? row : java.util.Arrays.copyOf(row, n));
        }
        return t == JsonToken.END_ARRAY ? rows : null;
    }

    private double[][] inFeatureOrder(List<String> columns, List<double[]> data, List<String> features) {
        int[] positions = positions(columns, features);
        if (positions == null) {
            return null;
        }
        double[][] rows = new double[data.size()][];
        for (int i = 0; i < rows.length; i++) {
            double[] given = data.get(i);
            if (given.length != columns.size()) {
                return null;
            }
            double[] row = new double[positions.length];
            for (int j = 0; j < row.length; j++) {
                row[j] = given[positions[j]];
            }
            rows[i] = row;
        }
        return rows;
    }

    private int[] positions(List<String> columns, List<String> features) {
        ColumnOrder last = lastOrder;
        if (last != null && last.features() == features && last.columns().equals(columns)) {
            return last.positions();
        }
        int[] positions = new int[features.size()];
        for (int j = 0; j < positions.length; j++) {
            positions[j] = columns.indexOf(features.get(j));
            if (positions[j] < 0) {
                return null;
            }
        }
        lastOrder = new ColumnOrder(columns, features, positions);
        return positions;
    }
}
