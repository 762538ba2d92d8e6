package dev.freshet.web.serving;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The data array after a known prefix is read exactly as Jackson reads it, or not at all. */
class NumberRowsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = "{\"dataframe_split\": {\"columns\": [\"x\", \"y\"], \"data\": ";

    @Test
    void readsNumbersInJsonsSyntaxAsJacksonDoes() {
        for (String data : List.of(
                "[[1, 2]]",
                "[[0, -0]]",
                "[[-1.5e-3, 2E+10]]",
                "[[1e5,\n\t\r 7.25]]",
                "[[123456789012345678901234567890, 0.1]]",
                "[[4.9e-324, 1.7976931348623157e308]]",
                "[]",
                "[[1, 2], [3, 4], [5, 6]]",
                "[[]]",
                "[[1], [2, 3, 4]]",
                " [ [ 1 , 2 ] ] ")) {
            String body = PREFIX + data + "}}";

            assertThat(NumberRows.read(bytes(body), PREFIX.length(), 2))
                    .as(data)
                    .usingRecursiveComparison()
                    .isEqualTo(jackson(body));
        }
    }

    @Test
    void givesUpOnAnythingElse() {
        for (String data : List.of(
                "[[01, 2]]",
                "[[1., 2]]",
                "[[.5, 2]]",
                "[[+1, 2]]",
                "[[1e, 2]]",
                "[[--1, 2]]",
                "[[NaN, 2]]",
                "[[Infinity, 2]]",
                "[[1e999, 2]]",
                "[[\"1\", 2]]",
                "[[[1], 2]]",
                "[[1, 2],]",
                "[[1, 2]",
                "[[1 2]]",
                "[[1, 2]], \"index\": [0]",
                "{}",
                "[[1, 2]]} trailing",
                "[[null, 2]]",
                "[[1, 2]]/*c*/")) {
            String body = PREFIX + data + "}}";

            assertThat(NumberRows.read(bytes(body), PREFIX.length(), 2))
                    .as(data)
                    .isNull();
        }
    }

    private static List<double[]> jackson(String body) {
        try {
            List<double[]> rows = new ArrayList<>();
            for (JsonNode row : JSON.readTree(body).get("dataframe_split").get("data")) {
                double[] values = new double[row.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = row.get(i).asDouble();
                }
                rows.add(values);
            }
            return rows;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
