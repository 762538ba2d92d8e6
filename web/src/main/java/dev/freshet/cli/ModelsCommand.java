package dev.freshet.cli;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.tracking.ModelVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.OptionalInt;

import static dev.freshet.engine.tracking.ModelRegistry.CHAMPION;

/** {@code freshet models list|versions|promote|rollback|serve}. */
@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "The model registry, and serving.",
        subcommands = {
            ModelsCommand.ListModels.class,
            ModelsCommand.Versions.class,
            ModelsCommand.Promote.class,
            ModelsCommand.Rollback.class,
            ServeCommand.class
        })
final class ModelsCommand extends UsageCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List registered models and their champion.")
    static final class ListModels implements Runnable {
        @Mixin
        StoreOptions storeOptions;

        @Override
        public void run() {
            try (Engine engine = Engine.openStores(storeOptions.config())) {
                Table table = new Table("Name", "Versions", "Champion");
                for (String name : engine.models().modelNames()) {
                    String champion = engine.models()
                            .aliased(name, CHAMPION)
                            .map(v -> String.valueOf(v.version()))
                            .orElse("-");
                    table.row(
                            name, String.valueOf(engine.models().versions(name).size()), champion);
                }
                System.out.print(table.render());
            }
        }
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, description = "List a model's versions.")
    static final class Versions implements Runnable {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Mixin
        StoreOptions storeOptions;

        @Override
        public void run() {
            try (Engine engine = Engine.openStores(storeOptions.config())) {
                if (!engine.models().exists(name)) {
                    throw new NotFoundException("model '" + name + "' does not exist");
                }
                OptionalInt champion = engine.models()
                        .aliased(name, CHAMPION)
                        .map(v -> OptionalInt.of(v.version()))
                        .orElse(OptionalInt.empty());
                Table table = new Table("Version", "Run ID", "RMSE", "Created", "Alias");
                for (ModelVersion v : engine.models().versions(name)) {
                    Double rmse = v.metrics().get("rmse");
                    table.row(
                            String.valueOf(v.version()),
                            v.runId(),
                            rmse == null ? "" : String.format("%.6f", rmse),
                            v.createdAt().toString(),
                            champion.isPresent() && champion.getAsInt() == v.version() ? CHAMPION : "");
                }
                System.out.print(table.render());
            }
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true, description = "Point an alias at a version by hand.")
    static final class Promote implements Runnable {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "VERSION")
        int version;

        @Option(names = "--alias", defaultValue = CHAMPION)
        String alias;

        @Mixin
        StoreOptions storeOptions;

        @Override
        public void run() {
            try (Engine engine = Engine.openStores(storeOptions.config())) {
                engine.models().promote(name, alias, version, "promoted by hand (cli)");
                System.out.println(name + "@" + alias + " -> version " + version);
            }
        }
    }

    @Command(
            name = "rollback",
            mixinStandardHelpOptions = true,
            description = "Move an alias back to the version it pointed at before its last move.")
    static final class Rollback implements Runnable {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--alias", defaultValue = CHAMPION)
        String alias;

        @Mixin
        StoreOptions storeOptions;

        @Override
        public void run() {
            try (Engine engine = Engine.openStores(storeOptions.config())) {
                ModelVersion back = engine.models().rollback(name, alias);
                System.out.println(name + "@" + alias + " -> version " + back.version());
            }
        }
    }
}
