package dev.freshet.bench;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.scheduling.QuartzFloorProbe;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Dispatch latency and throughput on embedded H2, or with {@code --db postgres} on PostgreSQL (see
 * {@link BenchDatabase}): (a) a chain of 200 noop tasks — the time from a task's end to its
 * successor's start; (b) 100 concurrent runs of 20 noop tasks — task runs per second; (c) the floor: a chain of plain
 * Quartz jobs on the same JDBC store, and Quartz's own throughput with 100 chains of 20 plain jobs on as many workers.
 *
 * <p>Figures are for a warm engine, as JMH would measure them: eight unreported rounds of (a) and
 * (b) first — on two cores the JIT compiler competes with eight busy workers and needs that long to settle — then
 * {@value #MEASURED_ROUNDS} measured rounds: the hops of all measured chains are pooled, and the throughput reported
 * is the median round's. Every round's throughput is printed, so the warm-up can be seen to have settled.
 *
 * <p>With {@code --nodes N} (PostgreSQL only) the engine runs clustered and N-1 more clustered nodes, each a JVM of
 * its own with the same parallelism, share its queue: the runs are triggered here, and any node may run their tasks.
 */
public final class DispatchBenchmark {
    private static final int CHAIN = 200;
    private static final int RUNS = 100;
    private static final int TASKS_PER_RUN = 20;
    /** Eight unless the system property {@code freshet.bench.warmup} says otherwise (a quicker, rougher look). */
    private static final int WARM_UP_ROUNDS = Integer.getInteger("freshet.bench.warmup", 8);

    private static final int MEASURED_ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("freshet-bench-dispatch");
        try {
            measure(home, args);
        } finally {
            BenchFiles.deleteTree(home);
        }
    }

    private static void measure(Path home, String[] args) throws Exception {
        Path workflows = Files.createDirectories(home.resolve("workflows"));
        writeChain(workflows.resolve("chain.yaml"), "chain", CHAIN, 1);
        writeChain(workflows.resolve("wide.yaml"), "wide", TASKS_PER_RUN, RUNS);
        BenchReport report = new BenchReport();
        int threads = Integer.parseInt(System.getProperty("freshet.bench.threads", "8"));
        List<String> dbArgs = new ArrayList<>(List.of(args));
        int nodes = 1;
        int at = dbArgs.indexOf("--nodes");
        if (at >= 0 && at + 1 < dbArgs.size()) {
            nodes = Integer.parseInt(dbArgs.remove(at + 1));
            dbArgs.remove(at);
        }
        List<BenchNode> others = new ArrayList<>();
        try (BenchDatabase db = BenchDatabase.fromArgs(dbArgs.toArray(String[]::new));
                Engine engine = Engine.start(db.configure(EngineConfig.defaults(home))
                        .withWorkflowsDir(workflows)
                        .withParallelism(threads)
                        .withClustered(nodes > 1))) {
            if (nodes > 1 && db.url() == null) {
                throw new IllegalArgumentException("--nodes " + nodes + " needs --db postgres: H2 is one JVM's");
            }
            for (int i = 1; i < nodes; i++) {
                others.add(BenchNode.engine(
                                "node-" + (i + 1), home.resolve("node-" + (i + 1)), workflows, db.url(), threads)
                        .heap("2g")
                        .start()
                        .awaitReady(Duration.ofMinutes(3)));
            }
            System.err.println("database: " + db.kind() + ", nodes: " + nodes);
            List<Double> hops = new ArrayList<>();
            double[] throughputs = new double[MEASURED_ROUNDS];
            double[] chainMsPerTask = new double[MEASURED_ROUNDS];
            for (int round = 0; round < WARM_UP_ROUNDS + MEASURED_ROUNDS; round++) {
                long chainStarted = System.nanoTime();
                double[] chainHops = runChain(engine, CHAIN);
                double msPerTask = (System.nanoTime() - chainStarted) / 1e6 / CHAIN;
                double throughput = RUNS * TASKS_PER_RUN / runWide(engine, RUNS);
                boolean measured = round >= WARM_UP_ROUNDS;
                System.err.printf(
                        "round %2d (%s): hop median %.2f ms, chain %.2f ms per task, %.0f task runs/s%n",
                        round + 1, measured ? "measured" : "warm-up", percentile(chainHops, 50), msPerTask, throughput);
                if (measured) {
                    Arrays.stream(chainHops).forEach(hops::add);
                    throughputs[round - WARM_UP_ROUNDS] = throughput;
                    chainMsPerTask[round - WARM_UP_ROUNDS] = msPerTask;
                }
            }
            double[] allHops = hops.stream().mapToDouble(Double::doubleValue).toArray();
            report.add("dispatch_hop_median_ms", percentile(allHops, 50), "ms");
            report.add("dispatch_hop_p99_ms", percentile(allHops, 99), "ms");
            // The hop is the gap between a task's end_date and its successor's start_date, as Airflow users measure
            // it; this is the whole cost of a task in a chain: trigger to the end of the run, per task.
            report.add("chain_ms_per_task", percentile(chainMsPerTask, 50), "ms");
            report.add("throughput_task_runs_per_s", percentile(throughputs, 50), "task runs/s");

            try (QuartzFloorProbe floor = db.floorProbe(home.resolve("floor"), threads + 4)) {
                floor.measure(CHAIN * WARM_UP_ROUNDS);
                double[] floorHops = floor.measure(CHAIN * MEASURED_ROUNDS);
                double floorMedian = percentile(floorHops, 50);
                report.add("quartz_floor_hop_median_ms", floorMedian, "ms");
                report.add("dispatch_hop_median_over_floor", percentile(allHops, 50) / floorMedian, "ratio");
                floor.throughput(threads, RUNS, TASKS_PER_RUN);
                report.add(
                        "quartz_floor_throughput_jobs_per_s", floor.throughput(threads, RUNS, TASKS_PER_RUN), "jobs/s");
            }
        } finally {
            for (BenchNode other : others) {
                other.close();
            }
        }
        report.printTable();
    }

    /** Triggers {@code count} runs of the wide workflow at once and returns the seconds until all succeeded. */
    private static double runWide(Engine engine, int count) throws InterruptedException {
        long started = System.nanoTime();
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            runs.add(engine.runs().trigger(TriggerRequest.manual("wide", Map.of(), "bench")));
        }
        for (Run run : runs) {
            Run done = engine.runs().awaitRun(run.runId(), Duration.ofMinutes(10));
            if (done.state() != RunState.SUCCESS) {
                throw new IllegalStateException("run " + run.runId() + " ended " + done.state());
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    private static double[] runChain(Engine engine, int length) throws InterruptedException {
        Run run = engine.runs().trigger(TriggerRequest.manual("chain", Map.of(), "bench"));
        Run done = engine.runs().awaitRun(run.runId(), Duration.ofMinutes(10));
        if (done.state() != RunState.SUCCESS) {
            throw new IllegalStateException("chain run ended " + done.state());
        }
        List<TaskRun> tasks = engine.runs().taskRuns(run.runId()).stream()
                .sorted(Comparator.comparingInt(t -> Integer.parseInt(t.taskId().substring(1))))
                .toList();
        int hops = Math.min(length, tasks.size()) - 1;
        double[] latencies = new double[hops];
        for (int i = 0; i < hops; i++) {
            latencies[i] =
                    Duration.between(tasks.get(i).endDate(), tasks.get(i + 1).startDate())
                                    .toNanos()
                            / 1e6;
        }
        return latencies;
    }

    private static void writeChain(Path file, String id, int length, int maxActiveRuns) throws IOException {
        StringBuilder yaml = new StringBuilder(
                "id: " + id + "\nmax_active_runs: " + maxActiveRuns + "\nmax_active_tasks: 1000\ntasks:\n");
        for (int i = 0; i < length; i++) {
            yaml.append("  - {id: t")
                    .append(i)
                    .append(", type: noop")
                    .append(i == 0 ? "" : ", needs: [t" + (i - 1) + "]")
                    .append("}\n");
        }
        Files.writeString(file, yaml);
    }

    private static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
