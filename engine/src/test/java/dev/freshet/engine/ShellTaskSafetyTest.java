package dev.freshet.engine;

import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunState;
import dev.freshet.engine.run.TaskRun;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.testdb.TestDatabase;
import dev.freshet.engine.testdb.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A shell task sees a clean environment, never the server's secrets; params reach a command only quoted; known
 * secrets are masked in the log. The engine's test JVM has FRESHET_API_TOKEN, FRESHET_DB_PASSWORD and
 * AWS_SECRET_ACCESS_KEY set (engine/pom.xml).
 */
@ExtendWith(TestDatabases.class)
class ShellTaskSafetyTest {
    private static final String API_TOKEN = "server-api-token-7f3a";
    private static final String DB_PASSWORD = "server-db-password-91c2";
    private static final String AWS_SECRET = "server-aws-secret-55e0";

    @TempDir
    static Path home;

    @TempDir
    static Path workflows;

    static Engine engine;

    @BeforeAll
    static void start(TestDatabase database) throws IOException {
        assertThat(System.getenv("FRESHET_API_TOKEN")).as("set by surefire").isEqualTo(API_TOKEN);
        write("env.yaml", """
                id: env
                params: {name: world}
                tasks:
                  - id: show
                    type: shell
                    with:
                      command: "env | sort"
                      env: {GREETING: hello, SERVICE_TOKEN: task-token-3e9b}
                """);
        write("echo.yaml", """
                id: echo
                params: {name: world}
                tasks:
                  - {id: say, type: shell, with: {command: "echo hello {{ params.name }}", cwd: "%s"}}
                """.formatted(home));
        write("leak.yaml", """
                id: leak
                tasks:
                  - {id: say, type: shell, with: {command: "echo token %s db %s aws %s file $(cat '%s/api-token')"}}
                """.formatted(API_TOKEN, DB_PASSWORD, AWS_SECRET, home));
        write("raw.yaml", """
                id: raw
                params: {line: "echo one; echo two"}
                tasks:
                  - {id: say, type: shell, with: {command: "{{ params.line | raw }}"}}
                """);
        write("quoted.yaml", """
                id: quoted
                params: {name: world}
                tasks:
                  - {id: say, type: shell, with: {command: "echo 'hello {{ params.name }}'"}}
                """);
        write("viaenv.yaml", """
                id: viaenv
                params: {the_name: world}
                tasks:
                  - {id: say, type: shell, with: {command: "echo \\"hello $FRESHET_PARAM_THE_NAME\\"", cwd: "%s"}}
                """.formatted(home));
        Files.writeString(home.resolve("api-token"), "file-api-token-c0de\n");
        engine = Engine.start(database.configure(EngineConfig.defaults(home).withWorkflowsDir(workflows)));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aCommandSeesTheDocumentedEnvironmentAndNoneOfTheServersSecrets() throws Exception {
        Run run = runToEnd("env", Map.of("name", "conf value"));

        String log = log(run, "show");
        assertThat(log)
                .contains(
                        "FRESHET_RUN_ID=" + run.runId(),
                        "FRESHET_WORKFLOW_ID=env",
                        "FRESHET_TASK_ID=show",
                        "FRESHET_TRY_NUMBER=1",
                        "FRESHET_LOGICAL_DATE=" + run.logicalDate(),
                        "FRESHET_PARAM_NAME=conf value",
                        "GREETING=hello",
                        "PATH=",
                        "HOME=");
        assertThat(log)
                .doesNotContain(
                        "FRESHET_API_TOKEN",
                        "FRESHET_DB_PASSWORD",
                        "AWS_SECRET_ACCESS_KEY",
                        API_TOKEN,
                        DB_PASSWORD,
                        AWS_SECRET);
        assertThat(log)
                .as("the task's own secret-looking env is masked")
                .contains("SERVICE_TOKEN=***")
                .doesNotContain("task-token-3e9b");
    }

    @Test
    void knownSecretValuesAreMaskedInTheLog() throws Exception {
        Run run = runToEnd("leak", Map.of());

        assertThat(log(run, "say"))
                .contains("token *** db *** aws *** file ***")
                .doesNotContain(API_TOKEN, DB_PASSWORD, AWS_SECRET, "file-api-token-c0de");
    }

    @Test
    void aParamCannotInjectACommand() throws Exception {
        Run run = runToEnd("echo", Map.of("name", "x; id > pwned.txt"));

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(log(run, "say")).contains("hello x; id > pwned.txt");
        assertThat(home.resolve("pwned.txt")).doesNotExist();
    }

    @Test
    void aParamWithQuotesAndDollarsIsPrintedAsItIs() throws Exception {
        String value = "it's \"quoted\" $HOME `id` $(id) \\ end";
        Run run = runToEnd("echo", Map.of("name", value));

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(log(run, "say")).contains("hello " + value);
    }

    @Test
    void aParamReachesACommandAsAnEnvironmentVariable() throws Exception {
        Run run = runToEnd("viaenv", Map.of("the_name", "y; touch pwned2.txt"));

        assertThat(log(run, "say")).contains("hello y; touch pwned2.txt");
        assertThat(home.resolve("pwned2.txt")).doesNotExist();
    }

    @Test
    void rawInsertsAValueAsItIs() throws Exception {
        Run run = runToEnd("raw", Map.of());

        assertThat(run.state()).isEqualTo(RunState.SUCCESS);
        assertThat(log(run, "say")).contains("INFO one", "INFO two");
    }

    @Test
    void aTemplateInsideQuotesFailsTheTaskSayingWhy() throws Exception {
        Run run = runToEnd("quoted", Map.of());

        assertThat(run.state()).isEqualTo(RunState.FAILED);
        TaskRun say = engine.runs().taskRuns(run.runId()).get(0);
        assertThat(say.error())
                .isEqualTo("task 'say': with.command: '{{ params.name }}' is inside single quotes;"
                        + " values in a shell command are quoted for you: remove the quotes around it, or write"
                        + " '{{ params.name | raw }}' to insert the value as it is");
    }

    private static Run runToEnd(String workflowId, Map<String, Object> conf) throws InterruptedException {
        Run run = engine.runs().trigger(TriggerRequest.manual(workflowId, conf, "test"));
        return engine.runs().awaitRun(run.runId(), Duration.ofSeconds(30));
    }

    private static String log(Run run, String taskId) throws IOException {
        return Files.readString(engine.logFile(run.runId(), taskId, 1));
    }

    private static void write(String name, String yaml) throws IOException {
        Files.writeString(workflows.resolve(name), yaml);
    }
}
