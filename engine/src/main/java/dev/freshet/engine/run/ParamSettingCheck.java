package dev.freshet.engine.run;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.task.SettingType;
import dev.freshet.engine.task.TaskTypeRegistry;
import dev.freshet.engine.workflow.TaskSpec;
import dev.freshet.engine.workflow.Workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Refuses a trigger whose param fills a typed task setting with a value of the wrong type — {@code -P alpha=abc}
 * for {@code train.elasticnet}'s number {@code alpha} — so the run fails before it exists, not when that task
 * starts after its upstream tasks ran. Only a setting that is exactly one param ({@code "{{ params.alpha }}"}) is
 * checked; a template that computes a value is left to the task.
 */
public final class ParamSettingCheck implements SettingCheck {
    private static final Pattern WHOLE_PARAM =
            Pattern.compile("\\s*\\{\\{\\s*params\\.([A-Za-z_][A-Za-z0-9_]*)\\s*}}\\s*");

    private final TaskTypeRegistry taskTypes;

    public ParamSettingCheck(TaskTypeRegistry taskTypes) {
        this.taskTypes = taskTypes;
    }

    @Override
    public void check(Workflow workflow, Map<String, Object> params) {
        List<String> problems = new ArrayList<>();
        for (TaskSpec task : workflow.tasks()) {
            if (!taskTypes.contains(task.type())) {
                continue;
            }
            Map<String, SettingType> types = taskTypes.get(task.type()).settingTypes();
            task.with().forEach((setting, value) -> {
                SettingType type = types.get(setting);
                Matcher param = value instanceof String text ? WHOLE_PARAM.matcher(text) : null;
                if (type == null || param == null || !param.matches()) {
                    return;
                }
                String name = param.group(1);
                Object given = params.get(name);
                if (given != null && !type.accepts(given)) {
                    problems.add("conf." + name + ": must be " + type.word() + ", got '" + given + "' (task '"
                            + task.id() + "' reads it as its " + task.type() + " setting '" + setting + "')");
                }
            });
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("workflow '" + workflow.id() + "': " + String.join("; ", problems));
        }
    }
}
