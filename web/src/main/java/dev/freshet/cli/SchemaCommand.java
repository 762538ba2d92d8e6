package dev.freshet.cli;

import dev.freshet.engine.task.TaskTypeRegistry;
import dev.freshet.engine.workflow.WorkflowSchema;
import picocli.CommandLine.Command;

/** {@code freshet schema}: the JSON Schema of workflow files, with the task types installed. */
@Command(
        name = "schema",
        mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of workflow files (for editors: # yaml-language-server: $schema=FILE).")
final class SchemaCommand implements Runnable {
    @Override
    public void run() {
        System.out.print(
                WorkflowSchema.json(TaskTypeRegistry.loadFromClassPath().names()));
    }
}
