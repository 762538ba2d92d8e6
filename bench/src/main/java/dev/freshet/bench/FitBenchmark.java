package dev.freshet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.tasks.data.CsvTableReader;
import dev.freshet.tasks.data.Table;
import dev.freshet.tasks.model.ElasticNet;
import dev.freshet.tasks.model.ElasticNetParams;
import dev.freshet.tasks.model.LinearModel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * {@code scripts/bench fit [--rows N] [--features P] [--repeats R] [--no-sklearn]}: how long an elastic-net fit
 * takes on 1,000,000 x 100 synthetic rows (alpha 0.1, l1_ratio 0.5) and on the wine training data (MLflow's
 * tutorial, alpha 0.5, l1_ratio 0.5), and — when a python3 with scikit-learn is found ({@code FRESHET_PYTHON},
 * /usr/bin/python3, python3) — scikit-learn's {@code ElasticNet(precompute=True)} on identical data in this
 * machine, with the ratio. Both sides build the same matrix from an integer hash of (row, column), so no data is
 * shipped between them, and both time only the fit; each figure is the best of R fits (the median is printed too),
 * because other work on the machine only ever makes a fit slower.
 */
public final class FitBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FitBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rows = 1_000_000;
        int features = 100;
        int repeats = 5;
        boolean sklearn = true;
        Path wine = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--features" -> features = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--wine" -> wine = Path.of(args[++i]);
                case "--no-sklearn" -> sklearn = false;
                default -> {
                    System.err.println("usage: scripts/bench fit [--rows N] [--features P] [--repeats R] "
                            + "[--wine FILE] [--no-sklearn]");
                    System.exit(2);
                }
            }
        }
        String size = (rows % 1_000_000 == 0 ? rows / 1_000_000 + "m" : rows + "") + "_x" + features;
        BenchReport report = new BenchReport();

        double[][] x = new double[rows][features];
        double[] y = new double[rows];
        SyntheticData.fill(x, y);
        List<String> names = IntStream.range(0, features).mapToObj(j -> "x" + j).toList();
        ElasticNetParams params = ElasticNetParams.of(0.1, 0.5);
        new ElasticNet(params)
                .fit(
                        names,
                        Arrays.copyOf(x, Math.min(rows, 10_000)),
                        Arrays.copyOf(y, Math.min(rows, 10_000))); // starts ND4J
        double[] seconds = new double[repeats];
        LinearModel model = null;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            model = new ElasticNet(params).fit(names, x, y);
            seconds[r] = (System.nanoTime() - start) / 1e9;
        }
        report.add("elasticnet_fit_" + size + "_s", min(seconds), "s");
        report.add("elasticnet_fit_" + size + "_median_s", median(seconds), "s");
        report.add("elasticnet_fit_" + size + "_iterations", model.iterations(), "sweeps");

        Path wineFile = wine != null ? wine : findWine();
        Table table = new CsvTableReader().read(wineFile);
        ElasticNetParams tutorial = ElasticNetParams.of(0.5, 0.5);
        double[] millis = new double[Math.max(repeats, 50)];
        for (int r = 0; r < millis.length; r++) {
            long start = System.nanoTime();
            new ElasticNet(tutorial).fit(table, "quality");
            millis[r] = (System.nanoTime() - start) / 1e6;
        }
        report.add("elasticnet_fit_wine_ms", min(millis), "ms");
        report.add("elasticnet_fit_wine_median_ms", median(millis), "ms");

        if (sklearn) {
            x = null; // the Python side builds its own copy
            System.gc();
            Path python = findPython();
            if (python == null) {
                System.err.println("no python3 with scikit-learn found (set FRESHET_PYTHON, or apt-get install "
                        + "python3-sklearn); skipping the comparison");
            } else {
                JsonNode theirs = runScikitLearn(python, rows, features, repeats, wineFile);
                double theirFit = theirs.get("fit_s").asDouble();
                report.add("sklearn_elasticnet_fit_" + size + "_s", theirFit, "s");
                report.add(
                        "sklearn_elasticnet_fit_" + size + "_median_s",
                        theirs.get("fit_median_s").asDouble(),
                        "s");
                report.add(
                        "sklearn_elasticnet_fit_wine_ms", theirs.get("wine_ms").asDouble(), "ms");
                report.add("sklearn_over_freshet_fit_" + size, theirFit / min(seconds), "x");
                report.add(
                        "sklearn_over_freshet_fit_wine", theirs.get("wine_ms").asDouble() / min(millis), "x");
                report.add(
                        "fit_" + size + "_max_coefficient_difference",
                        maxDifference(model.coefficients(), theirs.get("coef")),
                        "abs");
                System.err.println("scikit-learn " + theirs.get("version").asText() + " (" + python + "), "
                        + theirs.get("n_iter").asInt() + " sweeps");
            }
        }
        report.printTable();
    }

    private static JsonNode runScikitLearn(Path python, int rows, int features, int repeats, Path wine)
            throws IOException, InterruptedException {
        Path script = Files.createTempFile("freshet-fit-bench", ".py");
        try {
            Files.writeString(script, SyntheticData.PYTHON, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(
                            python.toString(),
                            script.toString(),
                            String.valueOf(rows),
                            String.valueOf(features),
                            String.valueOf(repeats),
                            wine.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("the scikit-learn side failed: " + out);
            }
            return JSON.readTree(out);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static Path findPython() throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("FRESHET_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        candidates.add("/usr/bin/python3");
        candidates.add("python3");
        for (String candidate : candidates) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import sklearn, numpy")
                        .redirectErrorStream(true)
                        .start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return Path.of(candidate);
                }
            } catch (IOException notThere) {
                // try the next one
            }
        }
        return null;
    }

    private static Path findWine() {
        Path relative = Path.of("workflows/data/wine-quality/white-train.csv");
        if (Files.isRegularFile(relative)) {
            return relative;
        }
        try {
            Path jar = Path.of(FitBenchmark.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            Path root = jar.getParent().getParent().getParent(); // web/target/freshet.jar
            return root.resolve(relative);
        } catch (Exception e) {
            throw new IllegalStateException("cannot find the wine data; pass --wine FILE", e);
        }
    }

    private static double maxDifference(double[] ours, JsonNode theirs) {
        double max = 0;
        for (int j = 0; j < ours.length; j++) {
            max = Math.max(max, Math.abs(ours[j] - theirs.get(j).asDouble()));
        }
        return max;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
