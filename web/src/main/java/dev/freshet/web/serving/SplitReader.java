package dev.freshet.web.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the common scoring body {@code {"dataframe_split": {"columns": [...], "data": [[...]]}}} with Jackson's
 * streaming parser, straight into rows in the model's feature order, without building a JSON tree. Anything it
 * does not expect — another format, a missing column, a value that is not a finite number, trailing content — makes
 * it give up (null), and the full reader ({@link JsonScoringInput}) takes the body and explains what is wrong.
 * A body whose bytes up to its data array repeat the last read body's has only its data array read, by
 * {@link NumberRows}.
 */
final class SplitReader {
    /** Parses numbers with the fast (and as exact) algorithm of FastDoubleParser instead of Double.parseDouble. */
    private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    /** The column order of the last body and where each feature sits in it: clients send the same order each time. */
    private volatile ColumnOrder lastOrder;
    /** The last body's bytes before its data array, when its columns are among them: clients repeat them too. */
    private volatile Prefix lastPrefix;

    private record ColumnOrder(List<String> columns, List<String> features, int[] positions) {}

    private record Prefix(byte[] bytes, List<String> columns) {
        boolean begins(byte[] body) {
            return body.length > bytes.length && Arrays.mismatch(body, 0, bytes.length, bytes, 0, bytes.length) < 0;
        }
    }

    /** The rows, or null when this body is not a plain, valid dataframe_split. */
    double[][] rows(byte[] body, List<String> features) {
        Prefix known = lastPrefix;
        boolean repeated = known != null && known.begins(body);
        if (repeated) {
            List<double[]> data =
                    NumberRows.read(body, known.bytes().length, known.columns().size());
            if (data != null) {
                return inFeatureOrder(known.columns(), data, features);
            }
        }
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT
                    || p.nextToken() != JsonToken.FIELD_NAME
                    || !"dataframe_split".equals(p.currentName())
                    || p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            List<String> columns = null;
            List<double[]> data = null;
            int dataStart = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("columns".equals(field)) {
                    if (columns != null) {
                        return null; // a field given twice: the full reader decides which one counts
                    }
                    columns = columns(p, value);
                    if (columns == null) {
                        return null;
                    }
                } else if ("data".equals(field)) {
                    if (data != null) {
                        return null;
                    }
                    dataStart = columns == null
                            ? -1
                            : (int) p.currentTokenLocation().getByteOffset();
                    data = data(p, value, columns != null ? columns.size() : 8);
                    if (data == null) {
                        return null;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT
                    || p.nextToken() != JsonToken.END_OBJECT
                    || p.nextToken() != null
                    || columns == null
                    || data == null) {
                return null;
            }
            if (!repeated && dataStart > 0) {
                lastPrefix = new Prefix(Arrays.copyOf(body, dataStart), columns);
            }
            return inFeatureOrder(columns, data, features);
        } catch (IOException | RuntimeException malformed) {
            return null;
        }
    }

    private static List<String> columns(JsonParser p, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            return null;
        }
        List<String> columns = new ArrayList<>();
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.VALUE_STRING) {
            columns.add(p.getText());
        }
        return t == JsonToken.END_ARRAY ? columns : null;
    }

    /** The rows of {@code data}; {@code width} is the expected number of values in a row. */
    private static List<double[]> data(JsonParser p, JsonToken start, int width) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            return null;
        }
        List<double[]> rows = new ArrayList<>(1);
        double[] row = new double[Math.max(1, Math.min(width, 1024))]; // reused: each row is copied at its length
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.START_ARRAY) {
            int n = 0;
            JsonToken v;
            while ((v = p.nextToken()) == JsonToken.VALUE_NUMBER_FLOAT || v == JsonToken.VALUE_NUMBER_INT) {
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    return null;
                }
                if (n == row.length) {
                    row = Arrays.copyOf(row, n * 2);
                }
                row[n++] = d;
            }
            if (v != JsonToken.END_ARRAY) {
                return null;
            }
            rows.add(Arrays.copyOf(row, n));
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
            if (positions[j] < 0 || columns.lastIndexOf(features.get(j)) != positions[j]) {
                return null;
            }
        }
        lastOrder = new ColumnOrder(columns, features, positions);
        return positions;
    }
}
