package dev.freshet.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The done-when command, as the README gives it, on a fresh home:
 * {@code freshet run workflows/wine-quality.yaml -P alpha=0.5 -P l1_ratio=0.5 --output json}, then the same again.
 */
@ExtendWith(CliDatabase.class)
class RunCommandJsonTest {
    private static final String WORKFLOW =
            Path.of("../workflows/wine-quality.yaml").toString();
    private static final List<String> TASKS = List.of("ingest", "validate", "train", "evaluate", "promote");
    /** Trailing tokens fail the parse: stdout must be one document and nothing else. */
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    static Path home;

    static CommandOutput first;

    @BeforeAll
    static void runOnAFreshHome() {
        first = run();
    }

    @Test
    void printsOneJsonDocumentWithTheTutorialsMetricsAndPromotesVersionOne() throws Exception {
        assertThat(first.exitCode()).as(first.err()).isZero();
        JsonNode json = JSON.readTree(first.out());

        assertThat(json.get("workflow_id").asText()).isEqualTo("wine-quality");
        assertThat(json.get("state").asText()).isEqualTo("success");
        assertThat(json.get("params").get("alpha").asDouble()).isEqualTo(0.5);
        assertThat(json.get("params").get("l1_ratio").asDouble()).isEqualTo(0.5);
        JsonNode metrics = json.get("metrics");
        assertThat(metrics.get("rmse").asDouble()).isCloseTo(0.82224, within(1e-4));
        assertThat(metrics.get("mae").asDouble()).isCloseTo(0.62788, within(1e-4));
        assertThat(metrics.get("r2").asDouble()).isCloseTo(0.12679, within(1e-4));
        for (String task : TASKS) {
            assertThat(json.get("tasks").get(task).asText()).as(task).isEqualTo("success");
        }
        assertThat(json.get("tasks").size()).isEqualTo(TASKS.size());

        JsonNode model = json.get("model");
        assertThat(model.get("name").asText()).isEqualTo("wine-quality");
        assertThat(model.get("version").asInt()).isEqualTo(1);
        assertThat(model.get("promoted").asBoolean()).isTrue();
        URI uri = URI.create(model.get("uri").asText());
        assertThat(uri.getScheme()).isEqualTo("file");
        Path file = Path.of(uri);
        assertThat(file).isRegularFile();
        assertThat(JSON.readTree(Files.readString(file)).get("coefficients").size())
                .isEqualTo(11);

        String runId = json.get("run_id").asText();
        assertThat(first.err())
                .contains("=== Run (ID=" + runId + ") started ===", "=== Run (ID=" + runId + ") succeeded ===");
    }

    @Test
    void aSecondIdenticalRunPromotesNothingAndTheChampionStaysVersionOne() throws Exception {
        CommandOutput second = run();

        assertThat(second.exitCode()).as(second.err()).isZero();
        JsonNode json = JSON.readTree(second.out());
        assertThat(json.get("state").asText()).isEqualTo("success");
        assertThat(json.get("model").get("promoted").asBoolean()).isFalse();
        assertThat(json.get("run_id").asText())
                .isNotEqualTo(JSON.readTree(first.out()).get("run_id").asText());

        CommandOutput models = CommandOutput.freshet("models", "list", "--home", home.toString());
        assertThat(models.lines())
                .anySatisfy(line -> assertThat(line.strip().split("\\s+"))
                        .startsWith("wine-quality")
                        .endsWith("1"));
    }

    private static CommandOutput run() {
        return CommandOutput.freshet(
                "run",
                WORKFLOW,
                "-P",
                "alpha=0.5",
                "-P",
                "l1_ratio=0.5",
                "--output",
                "json",
                "--home",
                home.toString());
    }
}
