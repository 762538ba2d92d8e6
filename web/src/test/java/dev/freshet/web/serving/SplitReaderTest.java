package dev.freshet.web.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The streaming dataframe_split reader agrees with the full reader, and gives up on anything unusual. */
class SplitReaderTest {
    private static final List<String> FEATURES = List.of("x", "y");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SplitReader READER = new SplitReader();

    @Test
    void readsRowsInFeatureOrderLikeTheFullReader() {
        for (String body : List.of(
                "{\"dataframe_split\": {\"columns\": [\"y\", \"x\"], \"data\": [[1, 2], [3.5, -4e2]]}}",
                "{\"dataframe_split\": {\"data\": [[1, 2, 3]], \"columns\": [\"x\", \"extra\", \"y\"]}}",
                "{\"dataframe_split\": {\"index\": [0], \"columns\": [\"x\", \"y\"], \"data\": [[1, 2]]}}",
                "{\"dataframe_split\": {\"columns\": [\"x\", \"y\"], \"data\": []}}")) {
            assertThat(READER.rows(body.getBytes(), FEATURES))
                    .as(body)
                    .isDeepEqualTo(ScoringInput.rows(ScoringInput.Format.JSON, body, FEATURES, MAPPER));
        }
    }

    @Test
    void theColumnOrderOfTheLastBodyNeverAnswersForAnotherOrder() {
        SplitReader reader = new SplitReader();
        List<String> features = List.of("a", "ab");
        List<String> bodies = List.of(
                split("[\"a\", \"ab\"]", "[[1, 2]]"),
                split("[\"a\", \"ab\"]", "[[3, 4]]"),
                split("[\"ab\", \"a\"]", "[[1, 2]]"),
                split("[\"a\", \"ab\", \"b\"]", "[[1, 2, 3]]"),
                split("[\"ab\", \"a\"]", "[[5, 6]]"),
                split("[\"a\", \"abc\"]", "[[1, 2]]"),
                split("[\"a\", \"ab\"]", "[[7, 8]]"));
        for (String body : bodies) {
            double[][] expected =
                    body.contains("abc") ? null : ScoringInput.rows(ScoringInput.Format.JSON, body, features, MAPPER);
            assertThat(reader.rows(body.getBytes(), features)).as(body).isDeepEqualTo(expected);
        }
    }

    @Test
    void aBodyThatRepeatsTheLastOnesColumnsIsReadAsFullyAsAnyOther() {
        SplitReader reader = new SplitReader();
        List<String> features = List.of("a", "ab");
        String prefix = "{\"dataframe_split\": {\"columns\": [\"ab\", \"a\"], \"index\": [0], \"data\": ";
        List<String> bodies = List.of(
                prefix + "[[1, 2]], \"columns\": [\"a\", \"ab\"]}}",
                prefix + "[[1, 2]]}}",
                prefix + "[[3, 4], [5, 6]]}}",
                prefix + "[[7, 8, 9]]}}",
                prefix + "[[1, \"2\"]]}}",
                prefix + "7}}",
                prefix + "[[1, 2]]}} trailing",
                prefix + "[[1, 2]], \"columns\": [\"a\"]}}",
                prefix + "[[1, 2]], \"columns\": [\"a\", \"ab\"]}}",
                prefix.replace("[\"ab\", \"a\"]", "[\"a\", \"ab\"]") + "[[1, 2]]}}",
                prefix + "[[9, 10]]}}");
        for (String body : bodies) {
            double[][] expected =
                    readable(body) ? ScoringInput.rows(ScoringInput.Format.JSON, body, features, MAPPER) : null;
            assertThat(reader.rows(body.getBytes(), features)).as(body).isDeepEqualTo(expected);
        }
    }

    private static boolean readable(String body) {
        boolean columnsTwice = body.indexOf("\"columns\"") != body.lastIndexOf("\"columns\"");
        return !body.contains("9]")
                && !body.contains("\"2\"")
                && !body.contains("7}")
                && !body.contains("trailing")
                && !columnsTwice;
    }

    private static String split(String columns, String data) {
        return "{\"dataframe_split\": {\"columns\": " + columns + ", \"data\": " + data + "}}";
    }

    @Test
    void givesUpOnWhatTheFullReaderMustExplain() {
        for (String body : List.of(
                "{\"dataframe_split\": {\"columns\": [\"x\"], \"data\": [[1]]}}",
                "{\"dataframe_split\": {\"columns\": [\"x\", \"y\", \"x\"], \"data\": [[1, 2, 3]]}}",
                "{\"dataframe_split\": {\"columns\": [\"x\", \"y\"], \"data\": [[1]]}}",
                "{\"dataframe_split\": {\"columns\": [\"x\", \"y\"], \"data\": [[1, \"2\"]]}}",
                "{\"dataframe_split\": {\"columns\": [\"x\", \"y\"], \"data\": [[1, 2]]}, \"params\": {}}",
                "{\"dataframe_split\": {\"columns\": [\"x\", \"y\"], \"data\": [[1, 2]]}} trailing",
                "{\"dataframe_split\": {\"columns\": [\"x\", \"y\"], \"data\": [[1, 1e999]]}}",
                "{\"inputs\": [[1, 2]]}",
                "{\"dataframe_split\": {\"columns\": [\"x\", \"y\"], \"data\": [[1, 2]",
                "")) {
            assertThat(READER.rows(body.getBytes(), FEATURES)).as(body).isNull();
        }
    }
}
