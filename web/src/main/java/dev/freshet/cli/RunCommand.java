package dev.freshet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.freshet.engine.Engine;
import dev.freshet.engine.EngineConfig;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TriggerRequest;
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

/** {@code freshet run WORKFLOW [-P key=value]… [--output json]}: one run to completion in this process. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run a workflow once, to completion, in this process; exit 0 only on success.")
final class RunCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "WORKFLOW",
            description = "A workflow file, or the id of a workflow in --workflows")
    String workflow;

    @Option(names = "-P", paramLabel = "KEY=VALUE", description = "A param for this run (repeatable)")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(
            names = "--output",
            defaultValue = "text",
            description = "text or json (json: one document on stdout); default ${DEFAULT-VALUE}")
    String output;

    @Option(
            names = "--timeout",
            defaultValue = "PT2H",
            description = "Give up waiting after this ISO-8601 duration; default ${DEFAULT-VALUE}")
    Duration timeout;

    @Option(
            names = "--logical-date",
            paramLabel = "ISO_INSTANT",
            description = "The run's logical date, e.g. 2026-11-26T00:00:00Z (default: now)")
    Instant logicalDate;

    @Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws Exception {
        if (!output.equals("text") && !output.equals("json")) {
            throw new InvalidInputException("--output: expected text or json, got '" + output + "'");
        }
        WorkflowArgument argument = new WorkflowArgument(workflow);
        Path file = Path.of(workflow);
        boolean isFile = argument.isFile();
        EngineConfig config = engineOptions.config();
        if (isFile) {
            config = config.withWorkflowsDir(null);
        } else {
            argument.requireFolder(config.workflowsDir());
        }
        if (isFile) {
            Engine.prepareTasksOf(file);
        }
        try (Engine engine = Engine.startStandalone(config)) {
            if (!isFile) {
                engine.reloadWorkflows();
            }
            Workflow wf = isFile
                    ? engine.load(file)
                    : engine.workflow(workflow)
                            .orElseThrow(() -> argument.unknown(engine.config().workflowsDir()));
            engine.prepareTasks(wf);
            Map<String, Object> conf = new LinkedHashMap<>();
            params.forEach((k, v) -> conf.put(k, ParamValues.parse(v)));
            Run run = engine.runs()
                    .trigger(TriggerRequest.manual(wf.id(), conf, "cli").withLogicalDate(logicalDate));
            System.err.println("=== Run (ID=" + run.runId() + ") started ===");
            Run done = engine.runs().awaitRun(run.runId(), timeout);
            Map<String, Double> metrics = engine.tracking().metrics(done.runId());
            List<TaskRun> tasks = engine.runs().taskRuns(done.runId());
            boolean succeeded = done.state() == RunState.SUCCESS;
            for (TaskRun task : tasks) {
                if (task.error() != null) {
                    System.err.println(
                            "task " + task.taskId() + " " + task.state().wireName() + ": " + task.error());
                }
            }
            metrics.forEach((k, v) -> System.err.println("  " + k + ": " + v));
            System.err.println("=== Run (ID=" + done.runId() + ") " + (succeeded ? "succeeded" : "failed") + " ===");
            if (output.equals("json")) {
                System.out.println(new ObjectMapper()
                        .enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(RunSummary.of(done, metrics, tasks)));
            }
            return succeeded ? 0 : 1;
        }
    }
}
