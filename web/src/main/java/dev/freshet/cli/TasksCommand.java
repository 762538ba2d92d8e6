package dev.freshet.cli;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TaskState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code freshet tasks list|clear|mark}: a run's task instances, and the operations on them. */
@Command(
        name = "tasks",
        mixinStandardHelpOptions = true,
        description = "A run's tasks: list, clear, mark.",
        subcommands = {TasksCommand.ListTasks.class, TasksCommand.Clear.class, TasksCommand.Mark.class})
final class TasksCommand extends UsageCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List a run's tasks.")
    static final class ListTasks implements Runnable {
        @Parameters(index = "0", paramLabel = "RUN_ID")
        String runId;

        @Mixin
        StoreOptions storeOptions;

        @Override
        public void run() {
            try (Engine engine = Engine.openStores(storeOptions.config())) {
                Table table = new Table("Task ID", "State", "Try", "Start Time", "End Time", "Error");
                for (TaskRun t : engine.runs().taskRuns(runId)) {
                    table.row(
                            t.taskId(),
                            t.state().wireName(),
                            String.valueOf(t.tryNumber()),
                            t.startDate() == null ? "" : t.startDate().toString(),
                            t.endDate() == null ? "" : t.endDate().toString(),
                            t.error() == null ? "" : t.error());
                }
                System.out.print(table.render());
            }
        }
    }

    @Command(
            name = "clear",
            mixinStandardHelpOptions = true,
            description = "Run tasks again in the same run, with new try numbers (all tasks when none are named).")
    static final class Clear implements Runnable {
        @Parameters(index = "0", paramLabel = "RUN_ID")
        String runId;

        @Parameters(index = "1..*", paramLabel = "TASK_ID", arity = "0..*")
        List<String> taskIds = new ArrayList<>();

        @Option(names = "--no-downstream", description = "Clear only the named tasks, not what is downstream of them")
        boolean noDownstream;

        @Mixin
        CatalogOptions catalogOptions;

        @Override
        public void run() {
            Path folder = catalogOptions.config().workflowsDir();
            if (!Files.isDirectory(folder)) {
                throw new NotFoundException("the workflows folder " + folder + " does not exist; clearing needs the "
                        + "run's workflow: pass --workflows DIR");
            }
            try (Engine engine = Engine.open(catalogOptions.config())) {
                List<String> ids = taskIds.isEmpty()
                        ? engine.runs().taskRuns(runId).stream()
                                .map(TaskRun::taskId)
                                .toList()
                        : taskIds;
                List<TaskRun> cleared = engine.runs().clear(runId, ids, !noDownstream);
                System.out.println("Cleared " + cleared.size() + " task(s): "
                        + String.join(
                                ", ", cleared.stream().map(TaskRun::taskId).toList()));
            }
        }
    }

    @Command(name = "mark", mixinStandardHelpOptions = true, description = "Set a task to success or failed by hand.")
    static final class Mark implements Runnable {
        @Parameters(index = "0", paramLabel = "RUN_ID")
        String runId;

        @Parameters(index = "1", paramLabel = "TASK_ID")
        String taskId;

        @Parameters(index = "2", paramLabel = "STATE", description = "success or failed")
        String state;

        @Mixin
        CatalogOptions catalogOptions;

        @Override
        public void run() {
            TaskState outcome = switch (state) {
                case "success" -> TaskState.SUCCESS;
                case "failed" -> TaskState.FAILED;
                default -> throw new InvalidInputException("STATE: expected success or failed, got '" + state + "'");
            };
            try (Engine engine = Engine.open(catalogOptions.config())) {
                TaskRun marked = engine.runs().mark(runId, taskId, outcome);
                System.out.println(marked.taskId() + " -> " + marked.state().wireName());
            }
        }
    }
}
