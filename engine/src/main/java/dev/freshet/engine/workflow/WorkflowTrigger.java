package dev.freshet.engine.workflow;

import java.util.Optional;

/**
 * The workflow's {@code trigger:} block: what starts a run besides its schedule and a person.
 *
 * @param files null when no file trigger is set
 */
public record WorkflowTrigger(FileTrigger files) {
    public static final WorkflowTrigger NONE = new WorkflowTrigger(null);

    public Optional<FileTrigger> fileTrigger() {
        return Optional.ofNullable(files);
    }
}
