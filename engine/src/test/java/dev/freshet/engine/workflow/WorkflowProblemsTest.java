package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.freshet.engine.workflow.Fixtures.PARSER;
import static dev.freshet.engine.workflow.Fixtures.problems;
import static dev.freshet.engine.workflow.Fixtures.workflowFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every kind of mistake is reported as file:line:column: message, pointing at the offending node. */
class WorkflowProblemsTest {
    private static final String KNOWN_TYPES =
            "evaluate.regression, ingest.csv, noop, promote.model, train.elasticnet, validate.data";

    @Test
    void reportsAMisspeltNeedAndACycleInTheSameFileWithTheirLines() {
        Path file = workflowFile("cycle-and-typo.yaml");

        WorkflowValidationException e =
                catchThrowableOfType(WorkflowValidationException.class, () -> PARSER.parse(file));

        assertThat(e.problems())
                .extracting(Problem::toString)
                .containsExactly(
                        file + ":8:13: task 'train' needs unknown task 'ingets'; did you mean 'ingest'?",
                        file + ":11:20: cycle: evaluate -> report -> publish -> evaluate");
        assertThat(e)
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(String.join(
                        "\n", e.problems().stream().map(Problem::toString).toList()));
        assertThat(e.problems().get(0))
                .isEqualTo(new Problem(
                        file.toString(), 8, 13, "task 'train' needs unknown task 'ingets'; did you mean 'ingest'?"));
    }

    @Test
    void yamlSyntaxErrorsPointAtSnakeYamlsMark() {
        assertThat(problems("""
                id: broken
                description: a: b
                tasks: []
                """))
                .containsExactly("workflows/x.yaml:2:15: YAML syntax error: mapping values are not allowed here");
        assertThat(problems("""
                id: broken
                tasks:
                  - id: a
                    needs: [b
                """))
                .containsExactly("workflows/x.yaml:5:1: YAML syntax error: expected ',' or ']', but got <stream end>"
                        + " (while parsing a flow sequence at line 4, column 12)");
    }

    @Test
    void aMissingOrBlankOrMalformedWorkflowIdIsReported() {
        assertThat(problems("""
                # comments come first
                description: nameless
                tasks: [{id: a, type: noop}]
                """)).containsExactly("workflows/x.yaml:2:1: the workflow has no 'id'");
        assertThat(problems("""
                id:
                tasks: [{id: a, type: noop}]
                """)).containsExactly("workflows/x.yaml:1:4: 'id' of the workflow is empty");
        assertThat(problems("""
                id: "  "
                tasks: [{id: a, type: noop}]
                """)).containsExactly("workflows/x.yaml:1:5: workflow id must not be blank");
        assertThat(problems("""
                id: wine quality/v2
                tasks: [{id: a, type: noop}]
                """))
                .containsExactly("workflows/x.yaml:1:5: workflow id 'wine quality/v2' may only contain letters,"
                        + " digits, '_', '.' and '-'");
    }

    @Test
    void unknownKeysNameTheAllowedOnesAndSuggestTheClosest() {
        assertThat(problems("""
                id: typo
                shedule: "@daily"
                owner: me
                tasks:
                  - id: train
                    type: noop
                    retires: 3
                """))
                .containsExactly(
                        "workflows/x.yaml:2:1: unknown key 'shedule' in the workflow; did you mean 'schedule'? Allowed keys: "
                                + String.join(", ", WorkflowReader.TOP_LEVEL_KEYS),
                        "workflows/x.yaml:3:1: unknown key 'owner' in the workflow; allowed keys: "
                                + String.join(", ", WorkflowReader.TOP_LEVEL_KEYS),
                        "workflows/x.yaml:7:5: unknown key 'retires' in task 'train'; did you mean 'retries'? Allowed keys: id, type,"
                                + " needs, with, retries, retry_delay, retry_exponential_backoff, max_retry_delay, timeout, trigger_rule, produces");
        assertThat(problems("""
                id: typo
                defaults: {retrys: 1}
                tasks: [{id: a, type: noop}]
                """))
                .containsExactly("workflows/x.yaml:2:12: unknown key 'retrys' in defaults; did you mean 'retries'?"
                        + " Allowed keys: retries, retry_delay, retry_exponential_backoff, max_retry_delay, timeout");
    }

    @Test
    void wrongTypesAreReportedAtTheValue() {
        assertThat(problems("""
                id: types
                tasks: {a: 1}
                """)).containsExactly("workflows/x.yaml:2:8: tasks must be a list, got a mapping");
        assertThat(problems("""
                id: types
                catchup: yes
                max_active_runs: 0
                max_active_tasks: many
                tags: nightly
                tasks:
                  - id: a
                    type: noop
                    retries: -1
                  - id: b
                    type: noop
                    needs: a
                    retries: 1.5
                    with: [x]
                  - id: c
                    type: noop
                    needs: [a, {b: 1}]
                    retry_exponential_backoff: 1
                """))
                .containsExactly(
                        "workflows/x.yaml:2:10: catchup must be true or false, got the string 'yes'",
                        "workflows/x.yaml:3:18: max_active_runs must be at least 1, got 0",
                        "workflows/x.yaml:4:19: max_active_tasks must be a whole number, got the string 'many'",
                        "workflows/x.yaml:5:7: tags must be a list, got the string 'nightly'",
                        "workflows/x.yaml:9:14: retries must be at least 0, got -1",
                        "workflows/x.yaml:12:12: needs must be a list of task ids, such as needs: [ingest], got the string 'a'",
                        "workflows/x.yaml:13:14: retries must be a whole number, got the number 1.5",
                        "workflows/x.yaml:14:11: with must be a mapping of the task's settings, got a list",
                        "workflows/x.yaml:17:16: needs must be a list of task ids, got a mapping in it",
                        "workflows/x.yaml:18:32: retry_exponential_backoff must be true or false, got the number 1");
    }

    @Test
    void aTaskNeedsAnIdAndAKnownType() {
        assertThat(problems("""
                id: tasks
                tasks:
                  - id: a
                    type: noop
                  - type: noop
                  - id: c
                  - id: d
                    type: train.elasticnt
                  - id: e
                    type: custom.thing
                  - just a string
                """))
                .containsExactly(
                        "workflows/x.yaml:5:5: task #2 has no 'id'",
                        "workflows/x.yaml:6:5: task 'c' has no 'type'; known types: " + KNOWN_TYPES,
                        "workflows/x.yaml:8:11: unknown task type 'train.elasticnt'; did you mean 'train.elasticnet'? Known types: "
                                + KNOWN_TYPES,
                        "workflows/x.yaml:10:11: unknown task type 'custom.thing'; known types: " + KNOWN_TYPES,
                        "workflows/x.yaml:11:5: task #6 must be a mapping of key: value, got the string 'just a string'");
    }

    @Test
    void aDuplicateTaskIdSaysWhereTheFirstOneIs() {
        assertThat(problems("""
                id: dupes
                tasks:
                  - id: train
                    type: noop
                  - id: train
                    type: noop
                """))
                .containsExactly(
                        "workflows/x.yaml:5:9: duplicate task id 'train'; the first task with this id is at line 3");
    }

    @Test
    void needsMustNameOtherTasksOfTheWorkflowOnce() {
        assertThat(problems("""
                id: needs
                tasks:
                  - id: ingest
                    type: noop
                  - id: train
                    type: noop
                    needs: [ingets, train, ingest, ingest, zzz]
                """))
                .containsExactly(
                        "workflows/x.yaml:7:13: task 'train' needs unknown task 'ingets'; did you mean 'ingest'?",
                        "workflows/x.yaml:7:21: task 'train' needs itself",
                        "workflows/x.yaml:7:36: task 'train' lists 'ingest' twice in needs",
                        "workflows/x.yaml:7:44: task 'train' needs unknown task 'zzz'");
    }

    @Test
    void aCycleIsNamedAsAPathAtTheNeedThatClosesIt() {
        assertThat(problems("""
                id: cycles
                tasks:
                  - id: a
                    type: noop
                    needs: [c]
                  - id: b
                    type: noop
                    needs: [a]
                  - id: c
                    type: noop
                    needs: [b]
                  - id: x
                    type: noop
                    needs: [y]
                  - id: y
                    type: noop
                    needs: [x, a]
                """))
                .containsExactly(
                        "workflows/x.yaml:5:13: cycle: a -> b -> c -> a", "workflows/x.yaml:14:13: cycle: x -> y -> x");
    }

    @Test
    void badScheduleDurationTimezoneAndTriggerRuleValues() {
        assertThat(problems("""
                id: values
                schedule: "0 0 * *"
                timezone: Mars/Olympus
                dagrun_timeout: 0s
                defaults:
                  retry_delay: 3 minutes
                tasks:
                  - id: a
                    type: noop
                    timeout: -5s
                    trigger_rule: all_sucess
                """))
                .containsExactly(
                        "workflows/x.yaml:2:11: schedule '0 0 * *' has 4 fields; expected a Unix cron (5 fields: minute hour"
                                + " day-of-month month day-of-week), a Quartz cron (6 or 7 fields, starting with seconds) or one of"
                                + " @once, @hourly, @daily, @weekly, @monthly, @yearly",
                        "workflows/x.yaml:3:11: unknown timezone 'Mars/Olympus'; use an IANA name such as UTC or Europe/Amsterdam",
                        "workflows/x.yaml:4:17: dagrun_timeout must be longer than 0",
                        "workflows/x.yaml:6:16: retry_delay: invalid duration '3 minutes'; use e.g. 30s, 10m, 2h, 1d, 500ms, 1h30m,"
                                + " a number of seconds, or ISO-8601 such as PT30S",
                        "workflows/x.yaml:10:14: timeout: invalid duration '-5s'; use e.g. 30s, 10m, 2h, 1d, 500ms, 1h30m,"
                                + " a number of seconds, or ISO-8601 such as PT30S",
                        "workflows/x.yaml:11:19: unknown trigger_rule 'all_sucess'; did you mean 'all_success'? Allowed: all_success,"
                                + " all_failed, all_done, one_success, one_failed, none_failed, none_skipped, always");
        assertThat(problems("""
                id: values
                schedule: "@dayly"
                tasks: [{id: a, type: noop}]
                """))
                .containsExactly("workflows/x.yaml:2:11: unknown schedule preset '@dayly'; did you mean '@daily'?"
                        + " Presets: @once, @hourly, @daily, @weekly, @monthly, @yearly");
    }

    @Test
    void badDatesAndParams() {
        assertThat(problems("""
                id: dates
                start_date: 2024-02-30
                end_date: 2023-01-01
                params:
                  l1-ratio: 0.1
                  alpha: {type: number, default: 2, maximum: 1}
                  mode: {type: text, default: a}
                  seed: {type: integer, default: 1, minimum: 0, step: 1}
                tasks: [{id: a, type: noop}]
                """))
                .containsExactly(
                        "workflows/x.yaml:2:13: start_date must be an ISO date such as 2024-01-31 or date-time such as"
                                + " 2024-01-31T06:00:00Z, got '2024-02-30'",
                        "workflows/x.yaml:5:3: param name 'l1-ratio' must start with a letter or '_' and contain only letters,"
                                + " digits and '_', as it is used in templates as {{ params.name }}",
                        "workflows/x.yaml:6:34: the default of param 'alpha' must be at most 1, got 2",
                        "workflows/x.yaml:7:16: unknown param type 'text'; allowed: string, number, integer, boolean, array, object",
                        "workflows/x.yaml:8:49: unknown key 'step' in param 'seed'; allowed keys: type, default, minimum, maximum,"
                                + " enum, description");
        assertThat(problems("""
                id: dates
                start_date: 2024-06-01
                end_date: 2024-01-01T00:00:00Z
                tasks: [{id: a, type: noop}]
                """)).containsExactly("workflows/x.yaml:3:11: end_date is before start_date");
    }

    @Test
    void repeatedKeysUnsupportedTagsAndSelfContainingAliases() {
        assertThat(problems("""
                id: keys
                id: again
                tasks:
                  - id: a
                    type: noop
                    with:
                      blob: !binary aGVsbG8=
                      loop: &loop [*loop]
                """))
                .containsExactly(
                        "workflows/x.yaml:2:1: duplicate key 'id' in the workflow; it is already set at line 1",
                        "workflows/x.yaml:7:13: unsupported YAML tag '!binary'; write a plain value instead",
                        "workflows/x.yaml:8:13: an alias may not refer to a value that contains it");
    }

    @Test
    void reportsEveryProblemOfAFileSortedByLine() {
        assertThat(problems("""
                id: many problems
                catchup: maybe
                tasks:
                  - id: a
                    type: nope
                    needs: [b, ghost]
                  - id: b
                    type: noop
                    needs: [a]
                    timeout: forever
                """))
                .hasSize(6)
                .isSortedAccordingTo(
                        java.util.Comparator.comparingInt((String p) -> Integer.parseInt(p.split(":")[1])));
    }

    @Test
    void anEmptyOrNonMappingFileIsReported(@TempDir Path dir) throws Exception {
        assertThat(problems("# nothing but a comment\n"))
                .containsExactly("workflows/x.yaml: the file is empty; a workflow needs at least an id and tasks");
        assertThat(problems("- id: a\n"))
                .containsExactly("workflows/x.yaml:1:1: the workflow must be a mapping of key: value, got a list");
        assertThat(problems("id: no-tasks\n"))
                .containsExactly("workflows/x.yaml:1:1: the workflow has no 'tasks';"
                        + " add a list of tasks, each with an id and a type");
        assertThat(problems("id: no-tasks\ntasks: []\n"))
                .containsExactly("workflows/x.yaml:2:8: tasks must not be empty");

        assertThat(problems("id: deep\ntasks: [{id: a, type: noop, with: {x: " + "[".repeat(100_000)
                        + "]".repeat(100_000) + "}}]\n"))
                .containsExactly("workflows/x.yaml: the file is nested too deeply");

        Path missing = dir.resolve("missing.yaml");
        assertThat(catchThrowableOfType(WorkflowValidationException.class, () -> PARSER.parse(missing)))
                .hasMessage(missing + ": no such file");
        Path latin1 = Files.write(dir.resolve("latin1.yaml"), new byte[] {'i', 'd', ':', ' ', (byte) 0xE9});
        assertThat(catchThrowableOfType(WorkflowValidationException.class, () -> PARSER.parse(latin1)))
                .hasMessage(latin1 + ": the file is not valid UTF-8");
    }
}
