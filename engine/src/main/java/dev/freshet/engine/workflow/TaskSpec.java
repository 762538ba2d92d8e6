package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task of a workflow as written in its file.
 *
 * @param type        the name of a registered task type, e.g. {@code train.elasticnet}
 * @param needs       ids of the tasks that must finish first, in file order
 * @param with        the task's configuration, untouched: nested maps and lists of String, Long, Double, Boolean or
 *                    null; {@code {{ ... }}} templates are rendered only when the task runs
 * @param retryPolicy the task's own retry keys over the workflow's defaults
 * @param timeout     null for no limit
 * @param produces    the datasets a success of the task produces ({@code produces: [dataset: NAME]}), in file order
 */
public record TaskSpec(
        String id,
        String type,
        List<String> needs,
        Map<String, Object> with,
        RetryPolicy retryPolicy,
        Duration timeout,
        TriggerRule triggerRule,
        List<String> produces) {
    public TaskSpec {
        Ids.require("task id", id);
        if (type == null || type.isBlank()) {
            throw new InvalidInputException("task '" + id + "' has no type");
        }
        needs = needs == null ? List.of() : List.copyOf(needs);
        if (needs.contains(id)) {
            throw new InvalidInputException("task '" + id + "' needs itself");
        }
        Set<String> distinct = new HashSet<>();
        for (String need : needs) {
            if (!distinct.add(need)) {
                throw new InvalidInputException("task '" + id + "' lists '" + need + "' twice in needs");
            }
        }
        with = with == null ? Map.of() : Values.deepCopyMap(with);
        retryPolicy = retryPolicy == null ? RetryPolicy.NONE : retryPolicy;
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new InvalidInputException("the timeout of task '" + id + "' must be positive, got " + timeout);
        }
        triggerRule = triggerRule == null ? TriggerRule.ALL_SUCCESS : triggerRule;
        produces = produces == null ? List.of() : List.copyOf(produces);
        produces.forEach(dataset -> Ids.require("dataset name", dataset));
    }

    /** A task that produces no dataset. */
    public TaskSpec(
            String id,
            String type,
            List<String> needs,
            Map<String, Object> with,
            RetryPolicy retryPolicy,
            Duration timeout,
            TriggerRule triggerRule) {
        this(id, type, needs, with, retryPolicy, timeout, triggerRule, List.of());
    }
}
