package dev.freshet.web.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.freshet.engine.Engine;
import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.tracking.Artifact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The JSON documents a retraining run writes as artifacts — the data validation report and the evaluator's
 * blessing — read for the run page. Fields are read leniently so a report of another shape still shows (as JSON).
 */
final class RunDocuments {
    static final String VALIDATION_REPORT = "validation/report.json";
    static final String BLESSING = "evaluation/blessing.json";
    private static final long MAX_BYTES = 2L * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(RunDocuments.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public record ValidationView(boolean passed, String source, List<CheckRow> checks, String json) {}

    public record CheckRow(
            String name,
            String column,
            String severity,
            String verdict,
            String value,
            String threshold,
            String message) {}

    public record BlessingView(
            boolean blessed, List<String> reasons, Integer championVersion, List<MetricComparison> metrics) {}

    public record MetricComparison(String metric, String candidate, String champion) {}

    private RunDocuments() {}

    static Optional<ValidationView> validation(Engine engine, List<Artifact> artifacts) {
        return read(engine, artifacts, VALIDATION_REPORT).map(root -> {
            List<CheckRow> checks = new ArrayList<>();
            boolean allPass = true;
            for (JsonNode check : root.path("checks")) {
                String verdict = check.hasNonNull("verdict")
                        ? check.get("verdict").asText()
                        : check.path("passed").asBoolean(false) ? "pass" : "fail";
                allPass &= verdict.equals("pass") || verdict.equals("skip") || verdict.equals("warn");
                // A count of offending values that found none, against an allowance of none (a type, range or
                // format check that passed), says nothing the verdict does not: its cells stay empty.
                boolean nothingFound = verdict.equals("pass")
                        && check.path("value").isNumber()
                        && check.path("value").asDouble() == 0
                        && check.path("threshold").isNumber()
                        && check.path("threshold").asDouble() == 0;
                checks.add(new CheckRow(
                        check.path("name").asText(""),
                        check.path("column").asText(""),
                        check.path("severity").asText(""),
                        verdict,
                        nothingFound ? "" : number(check.get("value")),
                        nothingFound ? "" : number(check.get("threshold")),
                        check.path("message").asText("")));
            }
            boolean passed = root.has("passed") ? root.get("passed").asBoolean() : allPass;
            return new ValidationView(passed, root.path("source").asText(""), checks, pretty(root));
        });
    }

    static Optional<BlessingView> blessing(Engine engine, List<Artifact> artifacts) {
        return read(engine, artifacts, BLESSING).map(root -> {
            List<String> reasons = new ArrayList<>();
            root.path("reasons").forEach(r -> reasons.add(r.asText()));
            JsonNode candidate = root.path("metrics");
            JsonNode champion = root.path("champion_metrics");
            TreeSet<String> keys = new TreeSet<>();
            candidate.fieldNames().forEachRemaining(keys::add);
            champion.fieldNames().forEachRemaining(keys::add);
            List<MetricComparison> metrics = keys.stream()
                    .map(k -> new MetricComparison(k, number(candidate.get(k)), number(champion.get(k))))
                    .toList();
            Integer championVersion = root.hasNonNull("champion_version")
                    ? root.get("champion_version").asInt()
                    : null;
            return new BlessingView(root.path("blessed").asBoolean(false), reasons, championVersion, metrics);
        });
    }

    private static Optional<JsonNode> read(Engine engine, List<Artifact> artifacts, String path) {
        Optional<Artifact> artifact =
                artifacts.stream().filter(a -> a.path().equals(path)).findFirst();
        if (artifact.isEmpty()) {
            return Optional.empty();
        }
        if (artifact.get().sizeBytes() > MAX_BYTES) {
            return Optional.empty();
        }
        try {
            // The artifact store reads only inside the artifact folder or bucket, whatever our table says.
            Path file = engine.tracking().localFile(artifact.get());
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(file.toFile()));
        } catch (IOException | FreshetException e) {
            LOG.warn(
                    "cannot read artifact {} of run {}: {}",
                    path,
                    artifact.get().runId(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    private static String number(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isNumber() ? Formats.number(value.doubleValue()) : value.asText();
    }

    private static String pretty(JsonNode root) {
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            return root.toString();
        }
    }
}
