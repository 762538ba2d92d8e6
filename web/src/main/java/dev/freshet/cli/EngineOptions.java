package dev.freshet.cli;

import picocli.CommandLine.Option;

/** {@link CatalogOptions} and how many tasks to run at once: for the commands that run tasks in their process. */
final class EngineOptions extends CatalogOptions {
    @Option(names = "--parallelism", defaultValue = "8", description = "Tasks run at once by this process (default 8)")
    int parallelism;

    @Override
    int parallelism() {
        return parallelism;
    }
}
