package dev.freshet.bench.freshness;

import com.fasterxml.jackson.databind.JsonNode;
import dev.freshet.engine.error.FreshetException;
import dev.freshet.tasks.model.ElasticNetParams;
import dev.freshet.tasks.model.LinearModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Thirty days of drifting wine traffic through a running server: each day yesterday's labels are posted as feedback,
 * yesterday's labelled batch lands in the landing folder (which starts the file-triggered retraining), and today's
 * requests are scored over HTTP. Prints, per day, the served model's realized RMSE beside an oracle retrained on the
 * day's own labels, a model never retrained and one retrained by a fixed daily cron (which runs before the day's batch
 * lands, so it trains on the batch of two days before), and which triggers started runs.
 *
 * <p>Arguments: {@code URL TOKEN LANDING_DIR WINE_CSV [DAYS] [ROWS_PER_DAY]}; environment: the workflows' ids
 * {@code FILE_WORKFLOW} and {@code DECAY_WORKFLOW}, the model {@code MODEL}.
 */
public final class FreshnessDemo {
    private static final Set<Integer> CORRUPT_DAYS = Set.of(7, 21);
    private static final Duration DAY_TIMEOUT = Duration.ofMinutes(3);

    private final FreshetClient client;
    private final Path landing;
    private final DriftingWine wine;
    private final String model;
    private final List<String> workflows;
    private final Baselines baselines;

    private FreshnessDemo(FreshetClient client, Path landing, DriftingWine wine, String model, List<String> workflows) {
        this.client = client;
        this.landing = landing;
        this.wine = wine;
        this.model = model;
        this.workflows = workflows;
        this.baselines = new Baselines(ElasticNetParams.of(0.01, 0.5), wine.featureNames());
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: FreshnessDemo URL TOKEN LANDING_DIR WINE_CSV [DAYS] [ROWS_PER_DAY]");
            System.exit(2);
        }
        int days = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        int rows = args.length > 5 ? Integer.parseInt(args[5]) : 1000;
        String model = env("MODEL", "wine-quality-fresh");
        List<String> workflows =
                List.of(env("FILE_WORKFLOW", "wine-quality-fresh"), env("DECAY_WORKFLOW", "wine-quality-decay"));
        FreshnessDemo demo = new FreshnessDemo(
                new FreshetClient(args[0], args[1]),
                Path.of(args[2]),
                DriftingWine.load(Path.of(args[3]), rows, 42),
                model,
                workflows);
        System.exit(demo.run(days) ? 0 : 1);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private record DayRow(
            int day, int version, double served, double oracle, double never, double cron, String triggers) {}

    private boolean run(int days) throws Exception {
        Map<Integer, DayData> data = new HashMap<>();
        for (int d = 0; d <= days; d++) {
            data.put(d, wine.day(d));
        }
        LinearModel never = baselines.fit(data.get(0));
        Set<String> seenRuns = new HashSet<>();
        land(data.get(0), seenRuns);
        if (client.champion(model).isEmpty()) {
            throw new FreshetException("day 0's batch promoted no model; see the server's log");
        }

        List<DayRow> table = new ArrayList<>();
        FreshetClient.Scored yesterday = null;
        Map<String, Integer> corruptRuns = new HashMap<>();
        for (int d = 1; d <= days; d++) {
            DayData today = data.get(d);
            Set<String> triggers = new LinkedHashSet<>();
            if (yesterday != null) {
                postLabels(yesterday.ids(), data.get(d - 1).labels());
            }
            if (d >= 2) {
                triggers.addAll(land(data.get(d - 1), seenRuns));
                if (CORRUPT_DAYS.contains(d - 1)) {
                    corruptRuns.putAll(runsFor(batchName(d - 1)));
                }
            }
            yesterday = client.score(model, wine.featureNames(), today.features());
            if (yesterday.ids().size() != today.rows()) {
                throw new FreshetException(
                        "the server returned " + yesterday.ids().size() + " prediction ids for " + today.rows()
                                + " rows; is its prediction log on?");
            }
            LinearModel oracle = baselines.fit(today);
            LinearModel cron = baselines.fit(data.get(Math.max(0, d - 2)));
            table.add(new DayRow(
                    d,
                    client.champion(model).orElse(0),
                    Baselines.rmse(yesterday.predictions(), today.labels()),
                    Baselines.rmse(oracle.predict(today.features()), today.labels()),
                    Baselines.rmse(never.predict(today.features()), today.labels()),
                    Baselines.rmse(cron.predict(today.features()), today.labels()),
                    triggers.isEmpty() ? "-" : String.join(", ", triggers)));
            print(table.get(table.size() - 1), d == 1);
        }
        return summarize(table, corruptRuns);
    }

    /**
     * Yesterday's labels. The log writes predictions a fraction of a second after they were scored, and a label for an
     * id not written yet is counted unknown and dropped; a real label comes a day later, the demo's a moment later, so
     * it posts again until every id joined (a label posted twice replaces itself).
     */
    private void postLabels(List<String> ids, double[] labels) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            JsonNode answer = client.feedback(model, ids, labels);
            if (answer.path("unknown").asInt() == 0) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new FreshetException(answer.path("unknown").asInt() + " of " + ids.size()
                        + " prediction ids are still unknown to the server after 30 s: " + answer);
            }
            Thread.sleep(200);
        }
    }

    /** Lands the day's labelled batch and waits for every run it (or the feedback before it) started to end. */
    private Set<String> land(DayData day, Set<String> seenRuns) throws Exception {
        String name = batchName(day.day());
        Path partial = landing.resolve("." + name + ".part");
        day.writeBatch(partial, wine.header(), CORRUPT_DAYS.contains(day.day()));
        Files.move(partial, landing.resolve(name));
        Instant deadline = Instant.now().plus(DAY_TIMEOUT);
        // over every look: a run seen ended is not looked at again
        Set<String> triggers = new LinkedHashSet<>();
        boolean fileRunSeen = false;
        while (true) {
            boolean allEnded = true;
            for (String workflow : workflows) {
                for (JsonNode run : client.runs(workflow)) {
                    String id = workflow + "/" + run.path("dag_run_id").asText();
                    if (seenRuns.contains(id) && isEnded(run)) {
                        continue;
                    }
                    allEnded &= isEnded(run);
                    triggers.add(triggerOf(run));
                    fileRunSeen |= filesOf(run).contains(name);
                    if (isEnded(run)) {
                        seenRuns.add(id);
                    }
                }
            }
            if (fileRunSeen && allEnded) {
                return triggers;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new FreshetException("no run for " + name + " ended within " + DAY_TIMEOUT);
            }
            Thread.sleep(200);
        }
    }

    private Map<String, Integer> runsFor(String batch) {
        Map<String, Integer> runs = new HashMap<>();
        for (String workflow : workflows) {
            for (JsonNode run : client.runs(workflow)) {
                if (filesOf(run).contains(batch)) {
                    runs.put(run.path("dag_run_id").asText(), 1);
                }
            }
        }
        return runs;
    }

    private static boolean isEnded(JsonNode run) {
        String state = run.path("state").asText();
        return state.equals("success") || state.equals("failed");
    }

    private static String triggerOf(JsonNode run) {
        JsonNode conf = run.path("conf");
        if (conf.has("files")) {
            return "files";
        }
        if (conf.has("performance") || conf.has("decay")) {
            return "decay";
        }
        if (conf.has("datasets")) {
            return "datasets";
        }
        return run.path("run_type").asText("manual");
    }

    private static List<String> filesOf(JsonNode run) {
        List<String> files = new ArrayList<>();
        run.path("conf")
                .path("files")
                .forEach(f -> files.add(Path.of(f.asText()).getFileName().toString()));
        return files;
    }

    private static String batchName(int day) {
        return String.format("day-%02d.csv", day);
    }

    private static void print(DayRow row, boolean header) {
        if (header) {
            System.out.printf(
                    "%4s  %7s  %7s  %7s  %7s  %7s  %s%n",
                    "day", "served", "rmse", "oracle", "never", "cron", "runs started by");
        }
        System.out.printf(
                "%4d  %7s  %7.4f  %7.4f  %7.4f  %7.4f  %s%n",
                row.day(), "v" + row.version(), row.served(), row.oracle(), row.never(), row.cron(), row.triggers());
    }

    private boolean summarize(List<DayRow> table, Map<String, Integer> corruptRuns) {
        double served = table.stream().mapToDouble(DayRow::served).average().orElse(Double.NaN);
        double oracle = table.stream().mapToDouble(DayRow::oracle).average().orElse(Double.NaN);
        double never = table.stream().mapToDouble(DayRow::never).average().orElse(Double.NaN);
        double cron = table.stream().mapToDouble(DayRow::cron).average().orElse(Double.NaN);
        Set<String> promotedRuns = new HashSet<>();
        client.versions(model).forEach(v -> promotedRuns.add(v.path("run_id").asText()));
        boolean corruptPromoted = corruptRuns.keySet().stream().anyMatch(promotedRuns::contains);
        boolean withinOracle = served <= oracle * 1.05;
        boolean beatsNever = served < never;
        boolean beatsCron = served < cron;
        System.out.printf(
                "%nmean realized RMSE over %d days: served %.4f, oracle %.4f, never retrained %.4f, "
                        + "daily cron %.4f%n",
                table.size(), served, oracle, never, cron);
        System.out.printf(
                "served within 5%% of the oracle: %s (%.1f%%)%n", yes(withinOracle), 100 * (served / oracle - 1));
        System.out.printf(
                "served better than never retraining: %s; better than the daily cron: %s%n",
                yes(beatsNever), yes(beatsCron));
        System.out.printf(
                "corrupt batches (days %s) started %d run(s); any registered as a model version: %s%n",
                CORRUPT_DAYS, corruptRuns.size(), corruptPromoted ? "YES" : "no");
        return withinOracle && beatsNever && beatsCron && !corruptPromoted;
    }

    private static String yes(boolean value) {
        return value ? "yes" : "NO";
    }
}
