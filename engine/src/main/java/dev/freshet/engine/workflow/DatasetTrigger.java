package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.util.LinkedHashSet;
import java.util.List;

/**
 * {@code trigger: { datasets: [NAME, ...] }}: a run per event of the one dataset, or, for several, a run once each
 * has had an event since the workflow's last run of this kind.
 */
public record DatasetTrigger(List<String> datasets) {
    public DatasetTrigger {
        if (datasets == null || datasets.isEmpty()) {
            throw new InvalidInputException("trigger.datasets must name at least one dataset");
        }
        datasets.forEach(name -> Ids.require("dataset name", name));
        if (new LinkedHashSet<>(datasets).size() != datasets.size()) {
            throw new InvalidInputException("trigger.datasets names a dataset twice: " + datasets);
        }
        datasets = List.copyOf(datasets);
    }
}
