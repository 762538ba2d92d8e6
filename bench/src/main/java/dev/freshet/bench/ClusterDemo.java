package dev.freshet.bench;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunType;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import dev.freshet.engine.run.TaskTry;
import dev.freshet.engine.run.TriggerRequest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code scripts/cluster-demo}: three clustered {@code freshet server} nodes on one PostgreSQL (embedded unless
 * {@code FRESHET_DB_URL} names one), each with a home of its own and all with one artifact root, 50 wine-quality runs, kill -9 of a node mid-way, and what
 * came of it. Argument: the repository's workflows folder.
 */
public final class ClusterDemo {
    private static final int RUNS = 50;
    private static final List<String> NODES = List.of("a", "b", "c");
    private static final Duration BOUND = Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        Path repoWorkflows = Path.of(args.length > 0 ? args[0] : "workflows").toAbsolutePath();
        Path root = Files.createTempDirectory("freshet-cluster-demo");
        Path artifacts = Files.createDirectories(root.resolve("artifacts"));
        Path workflows = Files.createDirectories(root.resolve("workflows"));
        writeWorkflows(repoWorkflows, workflows);
        String checkin = System.getenv().getOrDefault("FRESHET_CLUSTER_CHECKIN", "5s");
        List<BenchNode> nodes = new ArrayList<>();
        try (BenchDatabase db = BenchDatabase.fromArgs(new String[] {"--db", "postgres"})) {
            say("PostgreSQL: " + (System.getenv("FRESHET_DB_URL") == null ? "embedded" : "FRESHET_DB_URL"));
            say("a home of its own for each node under " + root + ", one artifact root: " + artifacts);
            for (String name : NODES) {
                nodes.add(BenchNode.server(name, root.resolve("home-" + name), workflows)
                        .clustered(db.url(), checkin)
                        .env("FRESHET_ARTIFACT_ROOT", artifacts.toUri().toString())
                        .log(root.resolve("node-" + name + ".log"))
                        .start());
            }
            for (BenchNode node : nodes) {
                node.awaitReady(Duration.ofMinutes(3));
            }
            say("3 nodes serving on ports "
                    + nodes.stream().map(n -> String.valueOf(n.port())).collect(Collectors.joining(", "))
                    + ", cluster check-in " + checkin);
            try (Engine client = Engine.open(db.configure(EngineConfig.defaults(root.resolve("client")))
                    .withWorkflowsDir(workflows)
                    .withClustered(true))) {
                demo(client, nodes);
            }
        } finally {
            for (BenchNode node : nodes) {
                node.close();
            }
        }
    }

    private static void demo(Engine client, List<BenchNode> nodes) throws Exception {
        List<String> runIds = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            runIds.add(client.runs()
                    .trigger(TriggerRequest.manual("wine-quality", Map.of(), "cluster-demo"))
                    .runId());
        }
        say("triggered " + RUNS + " wine-quality runs");
        Instant deadline = Instant.now().plus(BOUND);
        // mid-way: once a fifth of the runs ended, kill the node that runs the most tries at that moment
        BenchNode victim = null;
        List<TaskRun> killedTries = List.of();
        Instant killedAt = null;
        while (victim == null && Instant.now().isBefore(deadline)) {
            List<TaskRun> running = runIds.stream()
                    .flatMap(id -> client.runs().taskRuns(id).stream())
                    .filter(t -> t.state() == TaskState.RUNNING)
                    .toList();
            if (ended(client, runIds) >= RUNS / 5 && !running.isEmpty()) {
                Map<BenchNode, List<TaskRun>> byNode = running.stream()
                        .filter(t -> nodes.stream().anyMatch(n -> n.ran(t.hostname())))
                        .collect(Collectors.groupingBy(t -> nodes.stream()
                                .filter(n -> n.ran(t.hostname()))
                                .findFirst()
                                .orElseThrow()));
                if (!byNode.isEmpty()) {
                    victim = byNode.entrySet().stream()
                            .max((x, y) -> Integer.compare(
                                    x.getValue().size(), y.getValue().size()))
                            .orElseThrow()
                            .getKey();
                    killedTries = byNode.get(victim);
                    killedAt = Instant.now();
                    victim.kill();
                    say("kill -9 node " + victim.name() + " (pid "
                            + victim.pid() + ") while it ran " + killedTries.size() + " tries; "
                            + ended(client, runIds) + " runs had ended");
                }
            }
            Thread.sleep(200);
        }
        while (ended(client, runIds) < RUNS && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        // the per-second schedule: wait until it fired 20 s past the kill, so the takeover is inside its count
        Instant after = killedAt == null ? Instant.now() : killedAt.plusSeconds(20);
        while (Instant.now().isBefore(deadline)
                && scheduledTicks(client).stream()
                        .noneMatch(r -> r.logicalDate().isAfter(after))) {
            Thread.sleep(500);
        }
        report(client, nodes, runIds, victim, killedAt);
    }

    private static void report(
            Engine client, List<BenchNode> nodes, List<String> runIds, BenchNode victim, Instant killedAt) {
        Map<String, Long> states = runIds.stream()
                .map(id -> client.runs().run(id).state().wireName())
                .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting()));
        long succeeded = states.getOrDefault("success", 0L);
        long failed = states.getOrDefault("failed", 0L);
        System.out.println();
        System.out.printf("runs: %d succeeded, %d failed, %d stuck%n", succeeded, failed, RUNS - succeeded - failed);

        List<TaskTry> tries = new ArrayList<>();
        for (String runId : runIds) {
            for (TaskRun task : client.runs().taskRuns(runId)) {
                tries.addAll(client.runs().tries(runId, task.taskId()));
            }
        }
        Map<String, Long> perNode = tries.stream()
                .collect(Collectors.groupingBy(t -> nodeOf(nodes, t.hostname()), TreeMap::new, Collectors.counting()));
        System.out.println(
                "tries per node: " + perNode + (victim == null ? "" : " (node " + victim.name() + " killed)"));

        if (victim != null) {
            // the tries the kill interrupted: those on the killed node that had not ended by then (the scan that chose
            // the victim is not a snapshot: a try it saw running may have ended before the kill)
            List<TaskTry> interrupted = tries.stream()
                    .filter(t -> victim.ran(t.hostname()))
                    .filter(t -> t.startDate() != null && t.startDate().isBefore(killedAt))
                    .filter(t -> t.endDate() == null || t.endDate().isAfter(killedAt))
                    .toList();
            List<Long> takeovers = new ArrayList<>();
            for (TaskTry killed : interrupted) {
                tries.stream()
                        .filter(t -> t.runId().equals(killed.runId())
                                && t.taskId().equals(killed.taskId())
                                && t.tryNumber() == killed.tryNumber() + 1
                                && t.startDate() != null)
                        .findFirst()
                        .ifPresent(next -> takeovers.add(
                                Duration.between(killedAt, next.startDate()).toMillis()));
            }
            takeovers.sort(Long::compare);
            System.out.printf(
                    "takeover: %d of %d interrupted tries retried on a live node, %s ms after the kill"
                            + " (check-in %s, retry delay 1s)%n",
                    takeovers.size(),
                    interrupted.size(),
                    takeovers.isEmpty() ? "-" : takeovers.get(0) + "-" + takeovers.get(takeovers.size() - 1),
                    System.getenv().getOrDefault("FRESHET_CLUSTER_CHECKIN", "5s"));
        }
        System.out.println("duplicate tries: " + duplicates(tries)
                + " (tries of one task that overlapped in time, or a task that succeeded twice)");

        Map<Instant, Long> perDate = scheduledTicks(client).stream()
                .collect(Collectors.groupingBy(Run::logicalDate, TreeMap::new, Collectors.counting()));
        Map<Long, Long> histogram =
                perDate.values().stream().collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
        List<Instant> dates = new ArrayList<>(perDate.keySet());
        long gaps = 0;
        for (int i = 1; i < dates.size(); i++) {
            gaps += Duration.between(dates.get(i - 1), dates.get(i)).toSeconds() - 1;
        }
        System.out.printf(
                "per-second schedule: %d logical dates; logical dates by runs each: %s; missed seconds: %d%n",
                perDate.size(),
                histogram.entrySet().stream()
                        .map(e -> e.getValue() + " with " + e.getKey() + " run" + (e.getKey() == 1 ? "" : "s"))
                        .collect(Collectors.joining(", ")),
                gaps);
    }

    /** Pairs of tries of one task that ran at the same time, plus extra successes of one task. */
    private static long duplicates(Collection<TaskTry> tries) {
        Map<String, List<TaskTry>> byTask = tries.stream()
                .filter(t -> t.startDate() != null)
                .collect(Collectors.groupingBy(t -> t.runId() + "/" + t.taskId()));
        long count = 0;
        Instant now = Instant.now();
        for (List<TaskTry> ofTask : byTask.values()) {
            count += Math.max(
                    0,
                    ofTask.stream().filter(t -> t.state() == TaskState.SUCCESS).count() - 1);
            for (int i = 0; i < ofTask.size(); i++) {
                for (int j = i + 1; j < ofTask.size(); j++) {
                    TaskTry x = ofTask.get(i);
                    TaskTry y = ofTask.get(j);
                    Instant xEnd = x.endDate() == null ? now : x.endDate();
                    Instant yEnd = y.endDate() == null ? now : y.endDate();
                    if (x.startDate().isBefore(yEnd) && y.startDate().isBefore(xEnd)) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private static String nodeOf(List<BenchNode> nodes, String hostname) {
        return nodes.stream()
                .filter(n -> n.ran(hostname))
                .map(BenchNode::name)
                .findFirst()
                .orElse(String.valueOf(hostname));
    }

    private static long ended(Engine client, List<String> runIds) {
        return runIds.stream()
                .filter(id -> client.runs().run(id).state().isTerminal())
                .count();
    }

    private static List<Run> scheduledTicks(Engine client) {
        return client.runs().runs(new RunQuery("tick", null, null, 10_000, 0)).runs().stream()
                .filter(r -> r.runType() == RunType.SCHEDULED)
                .toList();
    }

    /** The repository's wine-quality workflow with absolute data paths, 10 runs at a time and a 1 s retry delay. */
    private static void writeWorkflows(Path repoWorkflows, Path workflows) throws IOException {
        String wine = Files.readString(repoWorkflows.resolve("wine-quality.yaml"))
                .replace("data/wine-quality/", repoWorkflows.resolve("data/wine-quality") + "/")
                .replace("max_active_runs: 1", "max_active_runs: 10")
                .replace("retry_delay: 30s", "retry_delay: 1s")
                .replace("retry_exponential_backoff: true", "retry_exponential_backoff: false");
        Files.writeString(workflows.resolve("wine-quality.yaml"), wine);
        Files.writeString(workflows.resolve("tick.yaml"), """
                id: tick
                schedule: "* * * * * ?"
                catchup: true
                max_active_runs: 16
                tasks:
                  - {id: t, type: noop}
                """);
    }

    private static void say(String line) {
        System.out.println(line);
    }
}
