package dev.freshet.cli;

import dev.freshet.engine.Engine;
import dev.freshet.engine.run.RunQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code freshet runs list --experiment-id N}, as MLflow's CLI. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List runs.",
        subcommands = {RunsCommand.ListRuns.class, RunsCommand.Cancel.class})
final class RunsCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the runs of an experiment, newest first.")
    static final class ListRuns implements Runnable {
        @Option(names = "--experiment-id", required = true, description = "The experiment")
        long experimentId;

        @Option(names = "--limit", defaultValue = "100", description = "At most this many runs (default 100)")
        int limit;

        @Mixin
        EngineOptions engineOptions;

        @Override
        public void run() {
            try (Engine engine = Engine.open(engineOptions.config())) {
                engine.tracking().experiment(experimentId);
                Table table = new Table("Run ID", "Status", "Start Time");
                engine.runs().runs(new RunQuery(null, null, experimentId, limit, 0)).runs().forEach(r ->
                        table.row(r.runId(), r.state().name(),
                                r.startDate() == null ? "" : r.startDate().toString()));
                System.out.print(table.render());
            }
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true,
            description = "Fail a run: its running tries are cancelled, its unfinished tasks skipped.")
    static final class Cancel implements Runnable {
        @Parameters(index = "0", paramLabel = "RUN_ID")
        String runId;

        @Mixin
        EngineOptions engineOptions;

        @Override
        public void run() {
            try (Engine engine = Engine.open(engineOptions.config())) {
                System.out.println(runId + " -> " + engine.runs().cancel(runId, "cli").state().wireName());
            }
        }
    }
}
