package dev.freshet.web;

import org.slf4j.MDC;

import java.util.Map;

/**
 * Puts the run, task and workflow a request is about into the logging context (MDC), so every log line written
 * while handling it names them; the server's logback pattern prints the MDC. Cleared after each request.
 */
final class LogContext {
    private static final Map<String, String> KEYS = Map.of(
            "dag_run_id", "run_id",
            "run_id", "run_id",
            "task_id", "task_id",
            "dag_id", "workflow_id",
            "workflow_id", "workflow_id");

    private LogContext() {}

    static void put(String pathParam, String value) {
        String key = KEYS.get(pathParam);
        if (key != null) {
            MDC.put(key, value);
        }
    }

    static void clear() {
        KEYS.values().forEach(MDC::remove);
    }
}
