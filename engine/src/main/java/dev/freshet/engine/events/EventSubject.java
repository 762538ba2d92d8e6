package dev.freshet.engine.events;

/** What an event is about: a workflow's run, a model's version, or both (a promotion made by a run). Null: none. */
public record EventSubject(String workflowId, String runId, String model, Integer version) {

    public static EventSubject run(String workflowId, String runId) {
        return new EventSubject(workflowId, runId, null, null);
    }

    public static EventSubject modelVersion(String model, Integer version) {
        return new EventSubject(null, null, model, version);
    }

    public EventSubject withRun(String workflow, String run) {
        return new EventSubject(workflow, run, model, version);
    }
}
