package dev.freshet.bench;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.tasks.model.ElasticNetParams;
import dev.freshet.tasks.model.LinearModel;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Model serving on loopback: single-row {@code POST /invocations} (MLflow's dataframe_split, the wine model's 11
 * columns) and {@code GET /ping} of the same full {@code freshet server}, each driven by this class's own HTTP/1.1
 * keep-alive load generator — one thread, non-blocking sockets, {@value #CONNECTIONS} connections each with one
 * request in flight. The server runs in a child JVM, as in production, so the load generator's threads and garbage
 * are not the server's. Prints requests per second, p99 latency and the invocations/ping ratio of a server with
 * the prediction log off ({@code --prediction-log off}). A second server with the log on, as by default, is measured
 * in the same rounds: {@code serving_prediction_log_ratio} is its invocations per second over the first's, and the
 * rows the log wrote and dropped are read from its {@code /metrics}. Each server's CPU time per invocation (from
 * {@code /proc}, over its own rounds) is printed beside them: unlike requests per second, it holds on a busy machine.
 *
 * <p>Options (system properties): {@code freshet.bench.seconds} (measured seconds per endpoint, default 11, in 11 alternating rounds; the ratio is the median of the rounds' ratios),
 * {@code freshet.bench.warmup} (seconds of
 * invocations per server before measuring, default 15, taken in turns of a second: the child JVM's JIT needs them on two busy cores), {@code freshet.bench.connections} (default 32),
 * {@code freshet.bench.server.jvm} (JVM options added to the server's, e.g. a flight recording).
 */
public final class ServingBenchmark {
    static final int CONNECTIONS = 32;
    private static final int ROUNDS = 11;
    private static final Duration READY_BOUND = Duration.ofSeconds(180); // a busy machine starts slowly
    /** Linux's clock ticks are 1/100 s (USER_HZ) on every architecture it reports them for. */
    private static final long MICROS_PER_TICK = 10_000;

    private static final List<String> WINE_FEATURES = List.of(
            "fixed acidity",
            "volatile acidity",
            "citric acid",
            "residual sugar",
            "chlorides",
            "free sulfur dioxide",
            "total sulfur dioxide",
            "density",
            "pH",
            "sulphates",
            "alcohol");
    private static final String ROW = "{\"dataframe_split\": {\"columns\": [\"fixed acidity\",\"volatile acidity\","
            + "\"citric acid\",\"residual sugar\",\"chlorides\",\"free sulfur dioxide\",\"total sulfur dioxide\","
            + "\"density\",\"pH\",\"sulphates\",\"alcohol\"], \"data\": [[7.4,0.17,0.29,1.4,0.047,23,107,0.9939,3.52,"
            + "0.65,10.4]]}}";

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("freshet.bench.seconds", 11);
        int warmup = Integer.getInteger("freshet.bench.warmup", 15);
        int connections = Integer.getInteger("freshet.bench.connections", CONNECTIONS);
        Path base = Files.createTempDirectory("freshet-bench-serving");
        try {
            measure(base, seconds, warmup, connections);
        } finally {
            BenchFiles.deleteTree(base);
        }
    }

    private static void measure(Path base, int seconds, int warmup, int connections) throws Exception {
        BenchReport report = new BenchReport();
        Path logged = prepareHome(base.resolve("log-on"));
        Path unlogged = prepareHome(base.resolve("log-off"));
        try (BenchNode server = startServer("log-on", logged, "on");
                BenchNode quiet = startServer("log-off", unlogged, "off")) {
            int port = server.awaitReady(READY_BOUND).port();
            int quietPort = quiet.awaitReady(READY_BOUND).port();
            {
                InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
                InetSocketAddress quietAddress = new InetSocketAddress("127.0.0.1", quietPort);
                byte[] invocation = request("POST /invocations", "application/json", ROW);
                byte[] ping = request("GET /ping", null, null);

                // The two servers warm up in turns, a second each, so that neither starts the measured rounds after
                // a long idle spell while the other comes straight from its warm-up.
                for (int s = 0; s < warmup; s++) {
                    Load.run(address, invocation, connections, Duration.ofSeconds(1));
                    Load.run(quietAddress, invocation, connections, Duration.ofSeconds(1));
                }
                Load.run(quietAddress, ping, connections, Duration.ofSeconds(Math.max(1, warmup / 3)));
                // The endpoints take turns in short rounds, so a slower or faster spell of a shared machine weighs
                // on all alike and the ratios compare like with like. Both servers run throughout; only the one
                // being measured has work. Which server goes first alternates from round to round: the one after
                // the other pays for what the other's threads still finish (its writer's flush, a collection).
                Load.Result invocations = null;
                Load.Result unloggedInvocations = null;
                Load.Result pings = null;
                Duration round = Duration.ofMillis(seconds * 1000L / ROUNDS);
                double[] ratios = new double[ROUNDS];
                double[] logRatios = new double[ROUNDS];
                long loggedCpu = 0;
                long unloggedCpu = 0;
                for (int i = 0; i < ROUNDS; i++) {
                    boolean loggedFirst = i % 2 == 0;
                    Load.Result invocationRound = null;
                    if (loggedFirst) {
                        long before = cpuTicks(server);
                        invocationRound = Load.run(address, invocation, connections, round);
                        loggedCpu += cpuTicks(server) - before;
                    }
                    long before = cpuTicks(quiet);
                    Load.Result unloggedRound = Load.run(quietAddress, invocation, connections, round);
                    unloggedCpu += cpuTicks(quiet) - before;
                    Load.Result pingRound = Load.run(quietAddress, ping, connections, round);
                    if (!loggedFirst) {
                        before = cpuTicks(server);
                        invocationRound = Load.run(address, invocation, connections, round);
                        loggedCpu += cpuTicks(server) - before;
                    }
                    ratios[i] = unloggedRound.perSecond() / pingRound.perSecond();
                    logRatios[i] = invocationRound.perSecond() / unloggedRound.perSecond();
                    System.err.printf(
                            "round %2d: invocations %.0f/s (log on %.0f/s), ping %.0f/s, ratio %.3f, "
                                    + "log on/off %.3f%n",
                            i + 1,
                            unloggedRound.perSecond(),
                            invocationRound.perSecond(),
                            pingRound.perSecond(),
                            ratios[i],
                            logRatios[i]);
                    invocations = Load.Result.sum(invocations, invocationRound);
                    unloggedInvocations = Load.Result.sum(unloggedInvocations, unloggedRound);
                    pings = Load.Result.sum(pings, pingRound);
                }
                Arrays.sort(ratios);
                Arrays.sort(logRatios);

                report.add("serving_invocations_rps", unloggedInvocations.perSecond(), "requests/s");
                report.add("serving_invocations_p50_ms", unloggedInvocations.percentileMillis(50), "ms");
                report.add("serving_invocations_p99_ms", unloggedInvocations.percentileMillis(99), "ms");
                report.add("serving_invocations_log_on_rps", invocations.perSecond(), "requests/s");
                report.add("serving_invocations_log_on_p99_ms", invocations.percentileMillis(99), "ms");
                report.add("serving_ping_rps", pings.perSecond(), "requests/s");
                report.add("serving_ping_p99_ms", pings.percentileMillis(99), "ms");
                // Each round's invocations against the ping round right after it, then the median: the speed of a
                // shared machine drifts by more than the difference between the two endpoints over a run.
                report.add("serving_ratio", ratios[ROUNDS / 2], "invocations/ping");
                report.add("serving_prediction_log_ratio", logRatios[ROUNDS / 2], "log on/log off");
                // CPU time per request holds up on a busy machine, where requests per second do not
                if (loggedCpu >= 0 && unloggedCpu >= 0) {
                    report.add(
                            "serving_invocations_cpu_us",
                            unloggedCpu * MICROS_PER_TICK / (double) unloggedInvocations.requests(),
                            "us/request");
                    report.add(
                            "serving_invocations_log_on_cpu_us",
                            loggedCpu * MICROS_PER_TICK / (double) invocations.requests(),
                            "us/request");
                }
                Map<String, Double> logCounts = logCounts(port);
                report.add("serving_prediction_log_written_rows", logCounts.getOrDefault("written", 0.0), "rows");
                report.add("serving_prediction_log_dropped_rows", logCounts.getOrDefault("dropped", 0.0), "rows");
                long failures = invocations.failures() + unloggedInvocations.failures() + pings.failures();
                if (failures > 0) {
                    throw new IllegalStateException(failures + " responses were not 200");
                }
            }
        }
        report.printTable();
    }

    /**
     * The server's CPU time so far (user and system, every thread), in clock ticks from {@code /proc/PID/stat}; a
     * negative number where there is no {@code /proc}.
     */
    private static long cpuTicks(BenchNode server) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(server.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime and stime, fields 14 and 15
        } catch (IOException | RuntimeException noProc) {
            return Long.MIN_VALUE / 4;
        }
    }

    /** A home with the bench workflow and the wine champion; returns its folder (state and workflows inside). */
    private static Path prepareHome(Path home) throws IOException, InterruptedException {
        Path workflows = Files.createDirectories(home.resolve("workflows"));
        Files.writeString(workflows.resolve("bench.yaml"), "id: bench\ntasks:\n  - id: only\n    type: noop\n");
        try (Engine engine =
                Engine.start(EngineConfig.defaults(home.resolve("state")).withWorkflowsDir(workflows))) {
            registerWineChampion(engine);
        }
        return home;
    }

    /** Rows the prediction log wrote and dropped, summed over models and reasons, from the server's /metrics. */
    private static Map<String, Double> logCounts(int port) throws IOException, InterruptedException {
        String metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, Double> counts = new HashMap<>();
        for (String line : metrics.split("\n")) {
            for (String kind : List.of("written", "dropped")) {
                if (line.startsWith("freshet_prediction_log_" + kind + "_total{")) {
                    counts.merge(kind, Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)), Double::sum);
                }
            }
        }
        return counts;
    }

    /** {@code freshet server} on the bench's home, serving the champion the home holds. */
    private static BenchNode startServer(String name, Path base, String predictionLog) throws IOException {
        List<String> jvmOptions = new ArrayList<>();
        // -Dfreshet.bench.server.jvm="OPTIONS" adds JVM options to the server, e.g. to record a flight for profiling
        String extra = System.getProperty("freshet.bench.server.jvm", "").trim();
        if (!extra.isEmpty()) {
            jvmOptions.addAll(List.of(extra.split("\\s+")));
        }
        // -Dfreshet.http.threads=N given to the benchmark tunes the server
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> k.startsWith("freshet.http."))
                .forEach(k -> jvmOptions.add("-D" + k + "=" + System.getProperty(k)));
        Path home = base.resolve("state");
        return BenchNode.server(name, home, base.resolve("workflows"))
                .heap("2g")
                .jvmOptions(jvmOptions)
                .args("--prediction-log", predictionLog)
                .env("FRESHET_API_TOKEN", "bench-token")
                .readyPath("/ping") // 200 once the champion is loaded
                .log(home.resolve("server.log"))
                .start();
    }

    /** y = 5.9 + small weights: the numbers do not matter, the work per row does (11 features). */
    private static void registerWineChampion(Engine engine) throws InterruptedException {
        String runId = engine.runs()
                .trigger(TriggerRequest.manual("bench", Map.of(), "bench"))
                .runId();
        Run run = engine.runs().awaitRun(runId, Duration.ofMinutes(1));
        if (run.state() != RunState.SUCCESS) {
            throw new IllegalStateException("setup run ended " + run.state());
        }
        double[] weights = new double[WINE_FEATURES.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = 0.01 * (i + 1);
        }
        LinearModel model = new LinearModel(WINE_FEATURES, weights, 5.9, 10, 0.0, true, ElasticNetParams.of(0.5, 0.5));
        Path file = engine.tracking().artifactDir(runId, "train").resolve("model.json");
        model.write(file);
        engine.tracking().logArtifact(runId, "train", "model", file);
        ModelVersion version = engine.models()
                .register("wine-quality", runId, "runs:/" + runId + "/model", Map.of("rmse", 0.8), Map.of());
        engine.models().promote("wine-quality", ModelRegistry.CHAMPION, version.version(), "bench");
    }

    private static byte[] request(String requestLine, String contentType, String body) {
        StringBuilder text = new StringBuilder(requestLine).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            text.append("Content-Type: ").append(contentType).append("\r\n");
        }
        if (body != null) {
            text.append("Content-Length: ").append(bytes.length).append("\r\n");
        }
        text.append("\r\n");
        byte[] head = text.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + bytes.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bytes, 0, all, head.length, bytes.length);
        return all;
    }

    /**
     * A closed-loop load generator: each connection sends its request again as soon as the whole response arrived
     * (Content-Length or chunked). Bounded by time; stops by itself.
     */
    static final class Load {
        record Result(long requests, long failures, double seconds, Histogram latencies) {
            double perSecond() {
                return requests / seconds;
            }

            double percentileMillis(double percentile) {
                return latencies.getValueAtPercentile(percentile) / 1e6;
            }

            static Result sum(Result a, Result b) {
                if (a == null) {
                    return b;
                }
                Histogram both = a.latencies().copy();
                both.add(b.latencies());
                return new Result(
                        a.requests() + b.requests(), a.failures() + b.failures(), a.seconds() + b.seconds(), both);
            }
        }

        private static final class Connection {
            final SocketChannel channel;
            final ByteBuffer out;
            final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
            long sentAt;

            Connection(SocketChannel channel, byte[] request) {
                this.channel = channel;
                this.out = ByteBuffer.wrap(request);
            }
        }

        static Result run(InetSocketAddress address, byte[] request, int connections, Duration duration)
                throws IOException {
            Histogram latencies = new Histogram(Duration.ofSeconds(10).toNanos(), 3);
            long requests = 0;
            long failures = 0;
            try (Selector selector = Selector.open()) {
                for (int i = 0; i < connections; i++) {
                    SocketChannel channel = SocketChannel.open(address);
                    channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                    channel.configureBlocking(false);
                    Connection connection = new Connection(channel, request);
                    channel.register(selector, SelectionKey.OP_WRITE, connection);
                }
                long start = System.nanoTime();
                long end = start + duration.toNanos();
                boolean stopping = false;
                int open = connections;
                while (open > 0) {
                    long now = System.nanoTime();
                    if (now >= end) {
                        stopping = true;
                    }
                    if (now >= end + Duration.ofSeconds(10).toNanos()) {
                        throw new IllegalStateException(open + " responses still missing 10 s after the end");
                    }
                    selector.select(100);
                    for (SelectionKey key : selector.selectedKeys()) {
                        Connection c = (Connection) key.attachment();
                        if (key.isWritable()) {
                            if (c.out.position() == 0) {
                                c.sentAt = System.nanoTime();
                            }
                            c.channel.write(c.out);
                            if (!c.out.hasRemaining()) {
                                key.interestOps(SelectionKey.OP_READ);
                            }
                        } else if (key.isReadable()) {
                            if (c.channel.read(c.in) < 0) {
                                throw new IOException("the server closed a connection");
                            }
                            int status = complete(c.in);
                            if (status > 0) {
                                long finished = System.nanoTime();
                                if (finished <= end) {
                                    requests++;
                                    latencies.recordValue(
                                            Math.min(finished - c.sentAt, latencies.getHighestTrackableValue()));
                                    if (status != 200) {
                                        failures++;
                                    }
                                }
                                c.in.clear();
                                c.out.rewind();
                                if (stopping) {
                                    key.cancel();
                                    c.channel.close();
                                    open--;
                                } else {
                                    key.interestOps(SelectionKey.OP_WRITE);
                                }
                            }
                        }
                    }
                    selector.selectedKeys().clear();
                }
                return new Result(
                        requests,
                        failures,
                        Math.min(System.nanoTime(), end) - start == 0
                                ? 1
                                : (Math.min(System.nanoTime(), end) - start) / 1e9,
                        latencies);
            }
        }

        /** The response's status once it has fully arrived in {@code in}; 0 while more is to come. */
        static int complete(ByteBuffer in) {
            byte[] data = in.array();
            int length = in.position();
            int headerEnd = indexOf(data, length, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
            if (headerEnd < 0) {
                return 0;
            }
            String head = new String(data, 0, headerEnd, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
            int status = Integer.parseInt(head.substring(9, 12));
            int bodyStart = headerEnd + 4;
            int cl = head.indexOf("content-length:");
            if (cl >= 0) {
                int lineEnd = head.indexOf("\r\n", cl);
                int contentLength = Integer.parseInt(head.substring(cl + 15, lineEnd < 0 ? head.length() : lineEnd)
                        .strip());
                return length >= bodyStart + contentLength ? status : 0;
            }
            if (head.contains("transfer-encoding: chunked")) {
                return indexOf(data, length, "\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII), bodyStart - 2) >= 0
                        ? status
                        : 0;
            }
            return status;
        }

        private static int indexOf(byte[] data, int length, byte[] pattern, int from) {
            outer:
            for (int i = Math.max(0, from); i <= length - pattern.length; i++) {
                for (int j = 0; j < pattern.length; j++) {
                    if (data[i + j] != pattern[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
