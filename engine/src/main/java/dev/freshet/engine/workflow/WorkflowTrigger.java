package dev.freshet.engine.workflow;

import java.util.Optional;

/**
 * The workflow's {@code trigger:} block: what starts a run besides its schedule and a person. Each part is null when
 * the block does not set it; a workflow may combine them.
 *
 * @param files       {@code files}, {@code settle}, {@code on_reject}: a run per landed set of files
 * @param datasets    {@code datasets}: a run when the named datasets are produced
 * @param performance {@code performance}: a run when a served model's realized metric crosses its line
 */
public record WorkflowTrigger(FileTrigger files, DatasetTrigger datasets, PerformanceTrigger performance) {
    public static final WorkflowTrigger NONE = new WorkflowTrigger(null, null, null);

    public Optional<FileTrigger> fileTrigger() {
        return Optional.ofNullable(files);
    }

    public Optional<DatasetTrigger> datasetTrigger() {
        return Optional.ofNullable(datasets);
    }

    public Optional<PerformanceTrigger> performanceTrigger() {
        return Optional.ofNullable(performance);
    }
}
