package dev.freshet.cli;

import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.scheduling.Backfill;
import dev.freshet.engine.scheduling.DataInterval;
import dev.freshet.engine.scheduling.DateTimes;
import dev.freshet.engine.workflow.Workflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code freshet backfill WORKFLOW --from DATE --to DATE}: one run per data interval whose logical date lies in the
 * range, oldest first, run to completion in this process like {@code freshet run}.
 */
@Command(
        name = "backfill",
        mixinStandardHelpOptions = true,
        description = "Run a workflow for every data interval whose logical date lies in [--from, --to], oldest first,"
                + " in this process (max_active_runs at a time); exit 0 only if every run it starts succeeds.")
final class BackfillCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "WORKFLOW",
            description = "A workflow file, or the id of a workflow in --workflows")
    String workflow;

    @Option(
            names = "--from",
            required = true,
            paramLabel = "DATE",
            description = "First logical date: 2026-01-01 (midnight in the workflow's time zone), 2026-01-01T06:00"
                    + " (in that zone) or 2026-01-01T06:00:00Z")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last logical date, as --from")
    String to;

    @Option(names = "-P", paramLabel = "KEY=VALUE", description = "A param for every run (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--dry-run", description = "List the runs a backfill would start, and start none")
    boolean dryRun;

    @Option(
            names = "--timeout",
            defaultValue = "PT2H",
            description = "Give up waiting for the runs after this ISO-8601 duration (default PT2H)")
    Duration timeout;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws InterruptedException {
        WorkflowArgument argument = new WorkflowArgument(workflow);
        Path file = Path.of(workflow);
        boolean isFile = argument.isFile();
        EngineConfig config = isFile ? engineOptions.config().withWorkflowsDir(null) : engineOptions.config();
        if (!isFile) {
            argument.requireFolder(config.workflowsDir());
        }
        try (Engine engine = dryRun ? Engine.open(config) : Engine.startStandalone(config)) {
            if (!isFile) {
                engine.reloadWorkflows();
            }
            Workflow wf = isFile
                    ? engine.load(file)
                    : engine.workflow(workflow)
                            .orElseThrow(() -> argument.unknown(engine.config().workflowsDir()));
            Instant start = DateTimes.parse(from, wf.timezone(), "--from");
            Instant end = DateTimes.parse(to, wf.timezone(), "--to");
            if (dryRun) {
                return printPlan(Backfill.intervals(wf, start, end));
            }
            Map<String, Object> conf = new LinkedHashMap<>();
            params.forEach((k, v) -> conf.put(k, ParamValues.parse(v)));
            List<Backfill.Item> items = new Backfill(engine.runs()).start(wf, start, end, conf, "cli");
            if (items.isEmpty()) {
                System.err.println(
                        "no data interval of " + wf.id() + " has a logical date from " + start + " to " + end);
                return 0;
            }
            System.err.println("=== Backfill of " + wf.id() + ": " + items.size() + " interval(s) ===");
            return awaitAndPrint(engine, items);
        }
    }

    private int printPlan(List<DataInterval> intervals) {
        Table table = new Table("Logical Date", "Data Interval End");
        intervals.forEach(interval ->
                table.row(interval.logicalDate().toString(), interval.end().toString()));
        System.out.print(table.render());
        return 0;
    }

    private int awaitAndPrint(Engine engine, List<Backfill.Item> items) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Table table = new Table("Run ID", "Logical Date", "State");
        boolean succeeded = true;
        for (Backfill.Item item : items) {
            Run run = item.run();
            String state;
            if (item.alreadyRan()) {
                state = engine.runs().run(run.runId()).state().wireName() + " (ran before)";
            } else {
                Duration left = Duration.between(Instant.now(), deadline);
                Run done = engine.runs().awaitRun(run.runId(), left.isNegative() ? Duration.ZERO : left);
                succeeded &= done.state() == RunState.SUCCESS;
                state = done.state().wireName();
            }
            table.row(run.runId(), item.interval().logicalDate().toString(), state);
        }
        System.out.print(table.render());
        return succeeded ? 0 : 1;
    }
}
