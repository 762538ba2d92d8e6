package dev.freshet.bench;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.store.SyntheticRuns;
import dev.freshet.web.FreshetServer;
import dev.freshet.web.ServerSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The runs page over a big table: {@value #RUNS} finished runs of two workflows, each with three metrics, are written
 * into a fresh embedded database, then the real server (engine and Javalin, in this JVM) answers {@code GET /runs}
 * — the first page, failed runs, one workflow's runs and a deep page — one request at a time, as a browser asks.
 * Prints the median and p95 load time of each after a warm-up.
 *
 * <p>Options (system properties): {@code freshet.bench.runs} (default {@value #RUNS}), {@code freshet.bench.requests}
 * (measured requests per page, default {@value #REQUESTS}), {@code freshet.bench.warmup} (unreported requests per page
 * first, default {@value #WARM_UP}).
 */
public final class RunsPageBenchmark {
    private static final int RUNS = 100_000;
    private static final int REQUESTS = 50;
    /**
     * Enough for the JIT to compile the page's whole path: after 10 requests a page still loaded 2-3 times slower
     * than after 150, so a short warm-up measured the compiler, not the page.
     */
    private static final int WARM_UP = 200;

    private static final int PER_PAGE = 25;
    private static final List<String> WORKFLOWS = List.of("alpha", "beta");

    private record Page(String name, String path, String expected) {}

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("freshet.bench.runs", RUNS);
        int requests = Integer.getInteger("freshet.bench.requests", REQUESTS);
        int warmUp = Integer.getInteger("freshet.bench.warmup", WARM_UP);
        Path home = Files.createTempDirectory("freshet-bench-runspage");
        Path workflows = Files.createDirectories(home.resolve("workflows"));
        for (String id : WORKFLOWS) {
            Files.writeString(workflows.resolve(id + ".yaml"), "id: " + id + "\ntasks:\n  - {id: only, type: noop}\n");
        }
        Path state = home.resolve("state");
        long started = System.nanoTime();
        seed(state, runs);
        System.err.printf(
                "seeded %,d runs with 3 metrics each in %.1f s into %s%n",
                runs, (System.nanoTime() - started) / 1e9, home);

        int deepPage = runs / 2 / PER_PAGE + 1;
        List<Page> pages = List.of(
                new Page("first", "/runs", SyntheticRuns.runId(runs - 1)),
                new Page("failed", "/runs?state=failed", "state-failed"),
                new Page("workflow", "/runs?workflow=" + WORKFLOWS.get(0), "seed-"),
                new Page("deep", "/runs?page=" + deepPage, "seed-"));
        BenchReport report = new BenchReport();
        try (Engine engine = Engine.start(EngineConfig.defaults(state).withWorkflowsDir(workflows))) {
            FreshetServer server = FreshetServer.start(engine, new ServerSettings(0, "bench-token", null));
            try {
                HttpClient client = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                String base = "http://127.0.0.1:" + server.port();
                for (Page page : pages) {
                    for (int i = 0; i < warmUp; i++) {
                        load(client, base, page);
                    }
                    double[] millis = new double[requests];
                    for (int i = 0; i < requests; i++) {
                        millis[i] = load(client, base, page);
                    }
                    System.err.printf(
                            "GET %s: %s ms%n",
                            page.path(),
                            Arrays.toString(
                                    Arrays.stream(millis).mapToLong(Math::round).toArray()));
                    report.add("runspage_" + page.name() + "_median_ms", percentile(millis, 50), "ms");
                    report.add("runspage_" + page.name() + "_p95_ms", percentile(millis, 95), "ms");
                }
            } finally {
                server.close();
            }
        } finally {
            BenchFiles.deleteTree(home); // the 100,000 runs' database is some hundred megabytes
        }
        report.printTable();
    }

    /** Two workflows' experiments, then the runs and their metrics, before the engine starts. */
    private static void seed(Path state, int runs) {
        Instant first = Instant.parse("2024-01-01T00:00:00Z");
        SyntheticRuns.seed(state, WORKFLOWS, runs, first);
    }

    /** One page load in milliseconds: the whole body read, and checked to be the page asked for. */
    private static double load(HttpClient client, String base, Page page) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + page.path()))
                .header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        double millis = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200
                || !response.body().contains(page.expected())
                || !response.body().contains("rmse ")) {
            throw new IllegalStateException("GET " + page.path() + " answered " + response.statusCode()
                    + " without the runs and their metrics");
        }
        return millis;
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
