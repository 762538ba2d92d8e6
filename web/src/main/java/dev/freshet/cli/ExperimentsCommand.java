package dev.freshet.cli;

import dev.freshet.engine.Engine;
import dev.freshet.engine.tracking.Experiment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code freshet experiments create|list}, as MLflow's CLI. */
@Command(
        name = "experiments",
        mixinStandardHelpOptions = true,
        description = "Create and list experiments.",
        subcommands = {ExperimentsCommand.Create.class, ExperimentsCommand.ListExperiments.class})
final class ExperimentsCommand extends UsageCommand {

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an experiment.")
    static final class Create implements Runnable {
        @Option(
                names = {"--experiment-name", "-n"},
                required = true,
                description = "Its name")
        String name;

        @Mixin
        StoreOptions storeOptions;

        @Override
        public void run() {
            try (Engine engine = Engine.openStores(storeOptions.config())) {
                Experiment experiment = engine.tracking().createExperiment(name);
                System.out.println("Created experiment with ID " + experiment.id());
            }
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List experiments.")
    static final class ListExperiments implements Runnable {
        @Mixin
        StoreOptions storeOptions;

        @Override
        public void run() {
            try (Engine engine = Engine.openStores(storeOptions.config())) {
                Table table = new Table("Experiment Id", "Name", "Created");
                engine.tracking()
                        .experiments()
                        .forEach(e -> table.row(
                                String.valueOf(e.id()), e.name(), e.createdAt().toString()));
                System.out.print(table.render());
            }
        }
    }
}
