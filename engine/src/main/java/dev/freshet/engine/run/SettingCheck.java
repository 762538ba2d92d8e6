package dev.freshet.engine.run;

import dev.freshet.engine.workflow.Workflow;

import java.util.Map;

/** A check of a trigger's bound params against what the workflow's tasks need of them; throws to refuse the run. */
@FunctionalInterface
public interface SettingCheck {
    void check(Workflow workflow, Map<String, Object> params);
}
