package dev.freshet.web.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.web.HttpProblem;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScoringInputTest {
    private static final List<String> FEATURES = List.of("x", "y");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void readsTheContentType() {
        assertThat(ScoringInput.format("application/json; charset=utf-8")).isEqualTo(ScoringInput.Format.JSON);
        assertThat(ScoringInput.format("TEXT/CSV")).isEqualTo(ScoringInput.Format.CSV);
        assertThatThrownBy(() -> ScoringInput.format(null))
                .isInstanceOf(HttpProblem.class)
                .hasMessageContaining("none");
        assertThatThrownBy(() -> ScoringInput.format("application/xml"))
                .isInstanceOfSatisfying(
                        HttpProblem.class, p -> assertThat(p.status()).isEqualTo(415));
    }

    @Test
    void ordersColumnsByFeatureName() {
        double[][] rows = json("{\"dataframe_split\": {\"columns\": [\"y\", \"x\"], \"data\": [[1, 2], [3, 4]]}}");
        assertThat(rows).isDeepEqualTo(new double[][] {{2, 1}, {4, 3}});
    }

    @Test
    void splitWithoutColumnsIsPositional() {
        assertThat(json("{\"dataframe_split\": {\"data\": [[1, 2]]}}")).isDeepEqualTo(new double[][] {{1, 2}});
    }

    @Test
    void refusesTwoFormatsAtOnceAndUnknownKeys() {
        assertThatThrownBy(() -> json("{\"inputs\": [], \"instances\": []}")).hasMessageContaining("only one");
        assertThatThrownBy(() -> json("{\"inputs\": [], \"extra\": 1}")).hasMessageContaining("unknown key 'extra'");
        assertThat(json("{\"inputs\": [], \"params\": {\"a\": 1}}")).isEmpty();
    }

    @Test
    void refusesNullsBooleansAndRaggedRows() {
        assertThatThrownBy(() -> json("{\"inputs\": [{\"x\": null, \"y\": 1}]}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("row 0, column 'x': null is not a number");
        assertThatThrownBy(() -> json("{\"inputs\": [[1, true]]}"))
                .hasMessage("row 0, column 'y': the boolean true is not a number");
        assertThatThrownBy(() -> json("{\"dataframe_split\": {\"columns\": [\"x\", \"y\"], \"data\": [[1, 2], [3]]}}"))
                .hasMessageContaining("row 1");
        assertThatThrownBy(() -> json("{\"inputs\": {\"x\": [1, 2], \"y\": [1]}}"))
                .hasMessageContaining("inputs.y");
        assertThatThrownBy(() -> json("[1, 2]")).hasMessageContaining("expected a JSON object");
    }

    @Test
    void csvNeedsAHeaderWithEveryFeature() {
        assertThat(ScoringInput.rows(ScoringInput.Format.CSV, "y, x, z\n1, 2, 3\n\n", FEATURES, MAPPER))
                .isDeepEqualTo(new double[][] {{2, 1}});
        assertThatThrownBy(() -> ScoringInput.rows(ScoringInput.Format.CSV, "", FEATURES, MAPPER))
                .hasMessageContaining("header");
        assertThatThrownBy(() -> ScoringInput.rows(ScoringInput.Format.CSV, "x,y\n1\n", FEATURES, MAPPER))
                .hasMessageContaining("row 0")
                .hasMessageContaining("'y'");
        assertThatThrownBy(() -> ScoringInput.rows(ScoringInput.Format.CSV, "x,y\n1,NaN\n", FEATURES, MAPPER))
                .hasMessageContaining("row 0, column 'y'");
        assertThatThrownBy(() -> ScoringInput.rows(ScoringInput.Format.CSV, "x,y\n1,2\n\"3,4\n", FEATURES, MAPPER))
                .hasMessageStartingWith("text/csv: (startline 3)")
                .hasMessageNotContaining("org.apache");
    }

    /** Which of two values a repeated feature column means is the client's to say, not ours to guess. */
    @Test
    void aFeatureColumnGivenTwiceIsRefusedNamingIt() {
        assertThatThrownBy(() -> ScoringInput.rows(ScoringInput.Format.CSV, "x,y,x\n1,2,3\n", FEATURES, MAPPER))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("text/csv header: column 'x' is given twice (columns 0 and 2); give each column once");
        assertThatThrownBy(() ->
                        json("{\"dataframe_split\": {\"columns\": [\"x\", \"y\", \"y\"], \"data\": [[1, 2, 3]]}}"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("dataframe_split: column 'y' is given twice (columns 1 and 2); give each column once");
        assertThat(ScoringInput.rows(ScoringInput.Format.CSV, "z,x,y,z\n0,1,2,3\n", FEATURES, MAPPER))
                .as("a column the model does not use may repeat")
                .isDeepEqualTo(new double[][] {{1, 2}});
    }

    private static double[][] json(String body) {
        return ScoringInput.rows(ScoringInput.Format.JSON, body, FEATURES, MAPPER);
    }
}
