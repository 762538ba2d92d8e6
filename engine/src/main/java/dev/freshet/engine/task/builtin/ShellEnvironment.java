package dev.freshet.engine.task.builtin;

import dev.freshet.engine.task.TaskContext;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment of a {@code shell} task's command, built from nothing rather than inherited: the server's
 * environment holds its secrets (FRESHET_API_TOKEN, FRESHET_DB_PASSWORD, AWS keys), and a command such as
 * {@code env | sort} would publish them in a log. A command gets
 * <ul>
 *   <li>{@link #PASSED_ON} from the server's environment, when set there (PATH defaults to {@link #DEFAULT_PATH});</li>
 *   <li>the try: FRESHET_RUN_ID, FRESHET_WORKFLOW_ID, FRESHET_TASK_ID, FRESHET_TRY_NUMBER, FRESHET_LOGICAL_DATE;</li>
 *   <li>each of the run's params as FRESHET_PARAM_&lt;NAME&gt; (upper case, other characters than letters and digits
 *       as {@code _}), the safe way to hand a value to a command;</li>
 *   <li>last, the task's own {@code env:}, which may override any of them.</li>
 * </ul>
 */
final class ShellEnvironment {
    static final List<String> PASSED_ON = List.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR");
    static final String DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin";

    private ShellEnvironment() {}

    static Map<String, String> of(TaskContext context, Map<String, String> server) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String name : PASSED_ON) {
            String value = server.get(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        env.putIfAbsent("PATH", DEFAULT_PATH);
        env.put("FRESHET_RUN_ID", context.runId());
        env.put("FRESHET_WORKFLOW_ID", context.workflowId());
        env.put("FRESHET_TASK_ID", context.taskId());
        env.put("FRESHET_TRY_NUMBER", String.valueOf(context.tryNumber()));
        env.put("FRESHET_LOGICAL_DATE", String.valueOf(context.logicalDate()));
        context.params()
                .forEach((name, value) -> env.put(paramVariable(name), value == null ? "" : String.valueOf(value)));
        context.config().section("env").asMap().forEach((name, value) -> env.put(name, String.valueOf(value)));
        return env;
    }

    /** {@code FRESHET_PARAM_} and the param's name in upper case, with any other character than A-Z and 0-9 as _. */
    static String paramVariable(String name) {
        return "FRESHET_PARAM_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
