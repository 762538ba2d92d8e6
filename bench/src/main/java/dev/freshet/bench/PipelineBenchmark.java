package dev.freshet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.tasks.data.DuckDb;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code scripts/bench pipeline [--rounds R] [--rows N (1000000, 1_000_000 or 1m)] [--features P] [--with-5m] [--no-python] [--no-cds] [--cache DIR]}:
 * a retraining workflow end to end on a file, as a user runs it — {@code freshet run} of ingest (split 0.2, seed 7)
 * → validate (min_rows 1000) → train (alpha 0.1, l1_ratio 0.5) → evaluate → promote, each round in a fresh JVM
 * and home, on a CSV of N rows x P numeric features plus a target (a quarter of the columns whole numbers) and on
 * its Parquet twin; and, when a python3 with pandas (and polars) and scikit-learn is found, the same work in
 * pandas + scikit-learn and polars + scikit-learn ({@code read_csv}, the same split fraction,
 * {@code ElasticNet(precompute=True)}, predict and score the holdout). Each side is a whole process timed by
 * {@code /usr/bin/time}, which also gives its peak RSS. Figures are medians of R rounds; every round is printed.
 * Like scripts/freshet, the runs map a class-data archive made (untimed) from a warm-up run, unless {@code --no-cds}.
 * The data are generated once and kept in {@code ~/.cache/freshet-bench} (1M x 100: ~0.9 GB of CSV).
 */
public final class PipelineBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private PipelineBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        int rows = 1_000_000;
        int features = 100;
        boolean fiveMillion = false;
        boolean python = true;
        boolean cds = true;
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "freshet-bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--rows" -> rows = PipelineNames.parseRows(args[++i]);
                case "--features" -> features = Integer.parseInt(args[++i]);
                case "--with-5m" -> fiveMillion = true;
                case "--no-python" -> python = false;
                case "--no-cds" -> cds = false;
                case "--cache" -> cache = Path.of(args[++i]);
                default -> {
                    System.err.println("usage: scripts/bench pipeline [--rounds R] [--rows N] [--features P] "
                            + "[--with-5m] [--no-python] [--no-cds] [--cache DIR]");
                    System.exit(2);
                }
            }
        }
        Files.createDirectories(cache);
        BenchReport report = new BenchReport();
        PipelineNames names = new PipelineNames(rows, features);
        Path csv = csv(cache, rows, features);
        Path parquet = parquetTwin(csv);
        Path archive = cds ? classDataArchive() : null;

        try {
            Measured ours = median("pipeline csv", rounds, () -> freshet(csv));
            report.add(names.csvSeconds(), ours.seconds(), "s");
            report.add(names.csvPeakRss(), ours.peakMb(), "MB");
            report.add(PipelineNames.PEAK_RSS, ours.peakMb(), "MB");
            report.add(names.artifactsOverCsv(), ours.artifactBytes() / (double) Files.size(csv), "x");
            Measured ourParquet = median("pipeline parquet", rounds, () -> freshet(parquet));
            report.add(names.parquetSeconds(), ourParquet.seconds(), "s");
            report.add(names.parquetPeakRss(), ourParquet.peakMb(), "MB");

            Path interpreter = python ? findPython() : null;
            if (python && interpreter == null) {
                System.err.println(
                        "no python3 with pandas and scikit-learn found (set FRESHET_PYTHON, or apt-get install "
                                + "python3-pandas python3-sklearn); skipping the comparison");
            }
            if (interpreter != null) {
                Measured pandas = median("pandas + scikit-learn", rounds, () -> python(interpreter, "pandas", csv));
                report.add(names.pythonSeconds("pandas"), pandas.seconds(), "s");
                report.add(names.pythonPeakRss("pandas"), pandas.peakMb(), "MB");
                report.add(names.over("csv", "pandas"), ours.seconds() / pandas.seconds(), "x");
                report.add(names.over("parquet", "pandas"), ourParquet.seconds() / pandas.seconds(), "x");
                if (has(interpreter, "polars")) {
                    Measured polars = median("polars + scikit-learn", rounds, () -> python(interpreter, "polars", csv));
                    report.add(names.pythonSeconds("polars"), polars.seconds(), "s");
                    report.add(names.pythonPeakRss("polars"), polars.peakMb(), "MB");
                    report.add(names.over("csv", "polars"), ours.seconds() / polars.seconds(), "x");
                } else {
                    System.err.println(interpreter + " has no polars (pip install polars); skipping that comparison");
                }
            }
            if (fiveMillion) {
                PipelineNames big = new PipelineNames(Math.multiplyExact(5, rows), features);
                Path bigCsv = csv(cache, big.rows(), features);
                Measured five = median("pipeline csv x5", rounds, () -> freshet(bigCsv));
                report.add(big.csvSeconds(), five.seconds(), "s");
                report.add(big.csvPeakRss(), five.peakMb(), "MB");
                report.add(big.over(names, "time"), five.seconds() / ours.seconds(), "x");
                report.add(big.over(names, "peak_rss"), five.peakMb() / ours.peakMb(), "x");
            }
            report.printTable();
        } finally {
            if (archive != null) {
                BenchFiles.deleteTree(archive.getParent());
            }
        }
    }

    static final String RUN_OPTIONS_PROPERTY = "freshet.bench.run-options";

    /**
     * JVM options of every {@code freshet run} this bench starts, as scripts/freshet gives {@code run}: its run options
     * (which scripts/bench passes as {@value #RUN_OPTIONS_PROPERTY}), then the class-data archive.
     */
    private static final List<String> RUN_OPTIONS =
            new ArrayList<>(runOptions(System.getProperty(RUN_OPTIONS_PROPERTY)));

    /** The options in {@code spaced}, split at white space; none for null. */
    static List<String> runOptions(String spaced) {
        if (spaced == null || spaced.isBlank()) {
            return List.of();
        }
        return List.of(spaced.trim().split("\\s+"));
    }

    /**
     * What scripts/freshet does after a build, for the bench's class path: a class-data archive of a warm-up run's
     * classes (a small workflow, untimed), which every timed run then maps. Null, and the runs start without one,
     * when it cannot be made.
     */
    private static Path classDataArchive() throws Exception {
        Path dir = Files.createTempDirectory("freshet-pipeline-cds");
        Path data = dir.resolve("warm-up.csv");
        StringBuilder rows = new StringBuilder("x,n,y\n");
        for (int i = 0; i < 1200; i++) {
            rows.append(i % 97 / 10.0)
                    .append(',')
                    .append(i % 5)
                    .append(',')
                    .append(i % 97 / 5.0 + i % 5)
                    .append('\n');
        }
        Files.writeString(data, rows);
        Path archive = dir.resolve("freshet.jsa");
        System.err.println("making a class-data archive from a warm-up run (untimed; --no-cds leaves it out)");
        try {
            freshet(data, List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        } catch (IllegalStateException e) {
            System.err.println("no class-data archive: " + e.getMessage());
        }
        if (!Files.isRegularFile(archive)) {
            BenchFiles.deleteTree(dir);
            return null;
        }
        RUN_OPTIONS.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        return archive;
    }

    private record Measured(double seconds, double peakMb, long artifactBytes) {}

    private interface Round {
        Measured run() throws Exception;
    }

    private static Measured median(String what, int rounds, Round round) throws Exception {
        List<Measured> all = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            Measured m = round.run();
            all.add(m);
            System.err.printf(
                    Locale.ROOT,
                    "%s, round %d: %.2f s, peak RSS %.0f MB%s%n",
                    what,
                    r,
                    m.seconds(),
                    m.peakMb(),
                    m.artifactBytes() > 0
                            ? String.format(Locale.ROOT, ", artifacts %.0f MB", m.artifactBytes() / 1e6)
                            : "");
        }
        return new Measured(
                middle(all.stream().mapToDouble(Measured::seconds).toArray()),
                middle(all.stream().mapToDouble(Measured::peakMb).toArray()),
                all.get(0).artifactBytes());
    }

    private static double middle(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** One {@code freshet run} of the five-task workflow on {@code data}, in a fresh JVM and home. */
    private static Measured freshet(Path data) throws Exception {
        return freshet(data, RUN_OPTIONS);
    }

    private static Measured freshet(Path data, List<String> jvmOptions) throws Exception {
        Path work = Files.createTempDirectory("freshet-pipeline-bench");
        try {
            Path workflow = work.resolve("pipeline.yaml");
            Files.writeString(workflow, """
                    id: pipeline-bench
                    defaults: { retries: 0, timeout: 2h }
                    tasks:
                      - id: ingest
                        type: ingest.csv
                        with: { source: "%s", target: y, split: { fraction: 0.2, seed: 7 } }
                      - id: validate
                        type: validate.data
                        needs: [ingest]
                        with: { min_rows: 1000 }
                      - id: train
                        type: train.elasticnet
                        needs: [validate]
                        with: { alpha: 0.1, l1_ratio: 0.5 }
                      - id: evaluate
                        type: evaluate.regression
                        needs: [train]
                      - id: promote
                        type: promote.model
                        needs: [evaluate]
                        with: { alias: champion }
                    """.formatted(data));
            Path home = work.resolve("home");
            List<String> command = new ArrayList<>(List.of(
                    "/usr/bin/time",
                    "-f",
                    "TIME %e %M",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            String opts = System.getenv("FRESHET_JAVA_OPTS");
            if (opts != null && !opts.isBlank()) {
                command.addAll(List.of(opts.trim().split("\\s+")));
            }
            command.addAll(List.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.freshet.cli.FreshetCommand",
                    "run",
                    workflow.toString(),
                    "--output",
                    "json",
                    "--home",
                    home.toString()));
            Process process = new ProcessBuilder(command)
                    .redirectError(work.resolve("stderr.txt").toFile())
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(3, TimeUnit.HOURS);
            String err = Files.readString(work.resolve("stderr.txt"));
            JsonNode summary = JSON.readTree(out.isBlank() ? "{}" : out);
            if (process.exitValue() != 0
                    || !"success".equals(summary.path("state").asText())) {
                throw new IllegalStateException("the run failed:\n" + out + "\n" + tail(err));
            }
            return timed(err, directorySize(home));
        } finally {
            BenchFiles.deleteTree(work);
        }
    }

    private static Measured python(Path interpreter, String library, Path csv) throws Exception {
        Path script = Files.createTempFile("freshet-pipeline-bench", ".py");
        try {
            Files.writeString(script, PYTHON, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(
                            "/usr/bin/time",
                            "-f",
                            "TIME %e %M",
                            interpreter.toString(),
                            script.toString(),
                            library,
                            csv.toString())
                    .start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(3, TimeUnit.HOURS) || process.exitValue() != 0) {
                throw new IllegalStateException(library + " + scikit-learn failed:\n" + out + "\n" + tail(err));
            }
            System.err.println("  " + out.strip());
            return timed(err, 0);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private static final String PYTHON = """
            import json, sys, time
            import numpy as np
            import sklearn
            from sklearn.linear_model import ElasticNet
            from sklearn.metrics import mean_absolute_error, mean_squared_error, r2_score
            library, path = sys.argv[1], sys.argv[2]
            start = time.perf_counter()
            if library == "pandas":
                import pandas as pd
                version = pd.__version__
                frame = pd.read_csv(path)
                y = frame["y"].to_numpy()
                x = frame.drop(columns=["y"]).to_numpy()
            else:
                import polars as pl
                version = pl.__version__
                frame = pl.read_csv(path)
                y = frame["y"].to_numpy()
                x = frame.drop("y").to_numpy()
            del frame
            read = time.perf_counter() - start
            holdout = np.random.default_rng(7).random(len(y)) < 0.2
            fit_start = time.perf_counter()
            model = ElasticNet(alpha=0.1, l1_ratio=0.5, precompute=True).fit(x[~holdout], y[~holdout])
            fit = time.perf_counter() - fit_start
            predicted = model.predict(x[holdout])
            rmse = mean_squared_error(y[holdout], predicted) ** 0.5
            print(json.dumps({"library": library, "read_s": round(read, 3), "fit_s": round(fit, 3),
                              "rmse": rmse, "mae": mean_absolute_error(y[holdout], predicted),
                              "r2": r2_score(y[holdout], predicted),
                              "versions": {"python": sys.version.split()[0], library: version, "numpy": np.__version__,
                                           "scikit-learn": sklearn.__version__}}))
            """;

    /** Reads {@code TIME seconds maxRssKb} that /usr/bin/time printed last. */
    private static Measured timed(String stderr, long artifactBytes) {
        String[] lines = stderr.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].startsWith("TIME ")) {
                String[] parts = lines[i].split(" ");
                return new Measured(Double.parseDouble(parts[1]), Double.parseDouble(parts[2]) / 1024.0, artifactBytes);
            }
        }
        throw new IllegalStateException("no timing from /usr/bin/time in:\n" + tail(stderr));
    }

    private static String tail(String text) {
        return text.length() > 4000 ? text.substring(text.length() - 4000) : text;
    }

    /**
     * The cached CSV: features {@code x0..} (every fourth a whole number below 1000, the others with five decimals
     * or fewer) and {@code y}, a linear function of them plus noise, from a fixed seed.
     */
    static Path csv(Path cache, int rows, int features) throws IOException {
        Path file = cache.resolve("pipeline_" + new PipelineNames(rows, features).size() + ".csv");
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path partial = cache.resolve(file.getFileName() + ".partial");
        System.err.println("generating " + file + " (once)");
        SplittableRandom random = new SplittableRandom(20240601L);
        double[] weights = new double[features];
        for (int j = 0; j < features; j++) {
            weights[j] = j % 3 == 0 ? 0 : random.nextDouble(-1, 1);
        }
        try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.US_ASCII)) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < features; j++) {
                line.append('x').append(j).append(',');
            }
            out.write(line.append("y\n").toString());
            for (int i = 0; i < rows; i++) {
                line.setLength(0);
                double y = 0;
                for (int j = 0; j < features; j++) {
                    double value = j % 4 == 0 ? random.nextInt(1000) : random.nextInt(-500_000, 500_000) / 1e5;
                    y += weights[j] * value * (j % 4 == 0 ? 1e-3 : 1);
                    if (j % 4 == 0) {
                        line.append((int) value);
                    } else {
                        line.append(value);
                    }
                    line.append(',');
                }
                line.append(Math.round((y + random.nextDouble(-1, 1)) * 1e5) / 1e5)
                        .append('\n');
                out.write(line.toString());
            }
        }
        Files.move(partial, file);
        return file;
    }

    private static Path parquetTwin(Path csv) throws Exception {
        Path file = csv.resolveSibling(csv.getFileName().toString().replace(".csv", ".parquet"));
        if (!Files.isRegularFile(file)) {
            System.err.println("writing its Parquet twin " + file + " (once)");
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            try (DuckDb db = DuckDb.open()) {
                db.execute("COPY (SELECT * FROM read_csv(" + DuckDb.literal(csv.toString()) + ", header = true)) TO "
                        + DuckDb.literal(partial.toString()) + " (FORMAT parquet, COMPRESSION zstd)");
            }
            Files.move(partial, file);
        }
        return file;
    }

    private static Path findPython() throws InterruptedException {
        List<String> candidates = new ArrayList<>();
        String configured = System.getenv("FRESHET_PYTHON");
        if (configured != null && !configured.isBlank()) {
            candidates.add(configured);
        }
        Path venv = Path.of(System.getProperty("user.home"), ".cache", "freshet-bench", "venv", "bin", "python3");
        candidates.add(venv.toString());
        candidates.add("/usr/bin/python3");
        candidates.add("python3");
        for (String candidate : candidates) {
            if (has(Path.of(candidate), "pandas, sklearn, numpy")) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    private static boolean has(Path interpreter, String modules) throws InterruptedException {
        try {
            Process probe = new ProcessBuilder(interpreter.toString(), "-c", "import " + modules)
                    .redirectErrorStream(true)
                    .start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException notThere) {
            return false;
        }
    }

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().contains("artifacts"))
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
    }
}
