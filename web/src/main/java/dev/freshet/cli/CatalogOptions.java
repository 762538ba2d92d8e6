package dev.freshet.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** {@link StoreOptions} and the workflows folder: for commands that need to know a run's workflow. */
class CatalogOptions extends StoreOptions {
    @Option(names = "--workflows", description = "Folder of workflow files (default ./workflows)")
    Path workflows;

    @Override
    Path workflowsDir() {
        return workflows != null ? workflows : Path.of("workflows");
    }
}
