package dev.freshet.cli;

import dev.freshet.engine.Engine;
import dev.freshet.engine.workflow.Workflow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code freshet workflows list|pause|unpause}; pause survives restarts (it is kept in the database). */
@Command(
        name = "workflows",
        mixinStandardHelpOptions = true,
        description = "List, pause and unpause workflows.",
        subcommands = {
            WorkflowsCommand.ListWorkflows.class,
            WorkflowsCommand.Pause.class,
            WorkflowsCommand.Unpause.class
        })
final class WorkflowsCommand extends UsageCommand {

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List workflows and problems of broken files.")
    static final class ListWorkflows implements Runnable {
        @Mixin
        CatalogOptions catalogOptions;

        @Override
        public void run() {
            try (Engine engine = Engine.open(catalogOptions.config())) {
                engine.reloadWorkflows();
                Table table = new Table("Workflow ID", "Schedule", "Paused", "Tasks", "File");
                for (Workflow w : engine.workflows()) {
                    table.row(
                            w.id(),
                            w.schedule() == null ? "manual" : w.schedule().expression(),
                            String.valueOf(engine.isPaused(w.id())),
                            String.valueOf(w.tasks().size()),
                            w.source() == null ? "" : w.source().toString());
                }
                System.out.print(table.render());
                engine.workflowErrors().values().forEach(problems -> problems.forEach(p -> System.err.println(p)));
            }
        }
    }

    /** Pause and unpause differ only in the state they set. */
    abstract static class PauseState implements Runnable {
        @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
        String workflowId;

        @Mixin
        CatalogOptions catalogOptions;

        abstract boolean paused();

        @Override
        public void run() {
            try (Engine engine = Engine.open(catalogOptions.config())) {
                engine.reloadWorkflows();
                engine.setPaused(workflowId, paused());
                System.out.println(workflowId + (paused() ? " paused" : " unpaused"));
            }
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, description = "Stop scheduling a workflow.")
    static final class Pause extends PauseState {
        @Override
        boolean paused() {
            return true;
        }
    }

    @Command(name = "unpause", mixinStandardHelpOptions = true, description = "Schedule a workflow again.")
    static final class Unpause extends PauseState {
        @Override
        boolean paused() {
            return false;
        }
    }
}
