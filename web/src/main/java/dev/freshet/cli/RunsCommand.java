package dev.freshet.cli;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunQuery;
import dev.freshet.engine.run.RunState;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * {@code freshet runs list --experiment-id N}, as MLflow's CLI, or {@code --workflow ID [--state S]}, as Airflow's
 * {@code dags list-runs}; {@code freshet runs cancel RUN_ID}.
 */
@Command(
        name = "runs",
        mixinStandardHelpOptions = true,
        description = "List runs, or cancel one.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Cancel.class})
final class RunsCommand extends UsageCommand {

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the runs of an experiment or of a workflow, newest first.")
    static final class ListRuns implements Runnable {
        /** One of the two, as MLflow (experiment) and Airflow (workflow, its dag) each name runs. */
        static final class Owner {
            @Option(names = "--experiment-id", required = true, description = "The runs of this experiment")
            Long experimentId;

            @Option(
                    names = {"--workflow", "-d"},
                    required = true,
                    paramLabel = "WORKFLOW_ID",
                    description = "The runs of this workflow")
            String workflowId;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Owner owner;

        @Option(
                names = "--state",
                paramLabel = "STATE",
                description = "Only runs in this state: queued, running, success or failed")
        String state;

        @Option(
                names = "--limit",
                defaultValue = "100",
                description = "At most this many runs; default ${DEFAULT-VALUE}")
        int limit;

        @Mixin
        StoreOptions storeOptions;

        @Override
        public void run() {
            RunState wanted = state == null ? null : parseState(state);
            if (limit < 1 || limit > 10_000) {
                throw new InvalidInputException("--limit: expected 1..10000, got " + limit);
            }
            try (Engine engine = Engine.openStores(storeOptions.config())) {
                if (owner.experimentId != null) {
                    engine.tracking().experiment(owner.experimentId);
                }
                Table table = owner.workflowId != null
                        ? new Table(
                                "Run ID", "Workflow ID", "State", "Run Type", "Logical Date", "Start Time", "End Time")
                        : new Table("Run ID", "Status", "Start Time");
                for (Run r : engine.runs()
                        .runs(new RunQuery(owner.workflowId, wanted, owner.experimentId, limit, 0))
                        .runs()) {
                    if (owner.workflowId != null) {
                        table.row(
                                r.runId(),
                                r.workflowId(),
                                r.state().wireName(),
                                r.runType().wireName(),
                                text(r.logicalDate()),
                                text(r.startDate()),
                                text(r.endDate()));
                    } else {
                        table.row(r.runId(), r.state().name(), text(r.startDate()));
                    }
                }
                System.out.print(table.render());
            }
        }

        private static RunState parseState(String text) {
            try {
                return RunState.fromWire(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--state: expected one of "
                        + Arrays.stream(RunState.values())
                                .map(RunState::wireName)
                                .collect(Collectors.joining(", ")) + ", got '" + text + "'");
            }
        }

        private static String text(Instant instant) {
            return instant == null ? "" : instant.toString();
        }
    }

    @Command(
            name = "cancel",
            mixinStandardHelpOptions = true,
            description = "Fail a run: its running tries are cancelled, its unfinished tasks skipped.")
    static final class Cancel implements Runnable {
        @Parameters(index = "0", paramLabel = "RUN_ID")
        String runId;

        @Mixin
        CatalogOptions catalogOptions;

        @Override
        public void run() {
            try (Engine engine = Engine.open(catalogOptions.config())) {
                System.out.println(runId + " -> "
                        + engine.runs().cancel(runId, "cli").state().wireName());
            }
        }
    }
}
