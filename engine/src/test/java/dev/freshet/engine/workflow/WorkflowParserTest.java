package dev.freshet.engine.workflow;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.freshet.engine.workflow.Fixtures.PARSER;
import static dev.freshet.engine.workflow.Fixtures.workflowFile;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class WorkflowParserTest {

    @Test
    void readsTheWineQualityWorkflowWithAllItsFields() throws Exception {
        Path file = workflowFile("wine-quality.yaml");

        Workflow workflow = PARSER.parse(file);

        assertThat(workflow.id()).isEqualTo("wine-quality");
        assertThat(workflow.description())
                .isEqualTo(
                        "Retrain the wine-quality regressor on fresh data; promote it only if it beats the champion.");
        assertThat(workflow.schedule()).isEqualTo(new Schedule("0 0 * * *"));
        assertThat(workflow.schedule().kind()).isEqualTo(Schedule.Kind.UNIX_CRON);
        assertThat(workflow.timezone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(workflow.catchup()).isFalse();
        assertThat(workflow.maxActiveRuns()).isEqualTo(1);
        assertThat(workflow.maxActiveTasks()).isEqualTo(Workflow.DEFAULT_MAX_ACTIVE_TASKS);
        assertThat(workflow.dagrunTimeout()).isNull();
        assertThat(workflow.startDate()).isNull();
        assertThat(workflow.endDate()).isNull();
        assertThat(workflow.tags()).isEmpty();
        assertThat(workflow.defaultParams()).containsExactly(entry("alpha", 0.5), entry("l1_ratio", 0.1));
        assertThat(workflow.params().get("alpha")).isEqualTo(ParamSpec.untyped("alpha", 0.5));
        assertThat(workflow.defaults())
                .isEqualTo(new TaskDefaults(2, Duration.ofSeconds(30), true, null, Duration.ofMinutes(10)));
        assertThat(workflow.source()).isEqualTo(file);
        assertThat(workflow.sourceHash()).isEqualTo(sha256(Files.readAllBytes(file)));

        assertThat(workflow.tasks())
                .extracting(TaskSpec::id)
                .containsExactly("ingest", "validate", "train", "evaluate", "promote");
        RetryPolicy fromDefaults = new RetryPolicy(2, Duration.ofSeconds(30), true, null);
        assertThat(workflow.tasks()).allSatisfy(task -> {
            assertThat(task.retryPolicy()).isEqualTo(fromDefaults);
            assertThat(task.timeout()).isEqualTo(Duration.ofMinutes(10));
            assertThat(task.triggerRule()).isEqualTo(TriggerRule.ALL_SUCCESS);
        });
        TaskSpec ingest = workflow.task("ingest").orElseThrow();
        assertThat(ingest.type()).isEqualTo("ingest.csv");
        assertThat(ingest.needs()).isEmpty();
        assertThat(ingest.with())
                .containsExactly(entry("source", "data/wine-quality/white-train.csv"), entry("target", "quality"));
        TaskSpec validate = workflow.task("validate").orElseThrow();
        assertThat(validate.needs()).containsExactly("ingest");
        assertThat(validate.with())
                .containsExactly(
                        entry("min_rows", 500L),
                        entry("max_null_fraction", 0.0),
                        entry("drift", Map.of("reference", "champion", "p_value", 0.01)));
        assertThat(workflow.task("train").orElseThrow().with())
                .containsEntry("alpha", "{{ params.alpha }}")
                .containsEntry("l1_ratio", "{{ params.l1_ratio }}");
        assertThat(workflow.task("evaluate").orElseThrow().with())
                .containsEntry("thresholds", Map.of("rmse", Map.of("max", 0.9)));
    }

    @Test
    void readsEveryOptionalKey() {
        Workflow workflow = PARSER.parse(workflowFile("full-options.yaml"));

        assertThat(workflow.id()).isEqualTo("nightly.report_v2");
        assertThat(workflow.description()).isEqualTo("Every option a workflow file can set.");
        assertThat(workflow.schedule().kind()).isEqualTo(Schedule.Kind.QUARTZ_CRON);
        assertThat(workflow.timezone()).isEqualTo(ZoneId.of("Europe/Amsterdam"));
        assertThat(workflow.catchup()).isTrue();
        assertThat(workflow.maxActiveRuns()).isEqualTo(2);
        assertThat(workflow.maxActiveTasks()).isEqualTo(4);
        assertThat(workflow.dagrunTimeout()).isEqualTo(Duration.ofMinutes(90));
        assertThat(workflow.startDate())
                .as("a date is midnight in the workflow's timezone")
                .isEqualTo(Instant.parse("2023-12-31T23:00:00Z"));
        assertThat(workflow.endDate()).isEqualTo(Instant.parse("2024-12-31T18:00:00Z"));
        assertThat(workflow.tags()).containsExactly("reporting", "nightly");
        assertThat(workflow.defaults())
                .isEqualTo(new TaskDefaults(
                        3, Duration.ofMinutes(1), false, Duration.ofMinutes(10), Duration.ofMinutes(20)));
    }

    @Test
    void readsTypedAndSimpleParamsInFileOrder() {
        Workflow workflow = PARSER.parse(workflowFile("full-options.yaml"));

        assertThat(workflow.params().keySet())
                .containsExactly("alpha", "mode", "required_run_id", "point", "names", "nothing");
        assertThat(workflow.params().get("alpha"))
                .isEqualTo(new ParamSpec("alpha", ParamType.NUMBER, 0.5, 0L, 1L, List.of(), "Regularisation strength"));
        assertThat(workflow.params().get("mode"))
                .isEqualTo(
                        new ParamSpec("mode", ParamType.STRING, "fast", null, null, List.of("fast", "thorough"), ""));
        assertThat(workflow.params().get("required_run_id").defaultValue()).isNull();
        assertThat(workflow.params().get("point"))
                .as("a map without type or default is a plain default")
                .isEqualTo(ParamSpec.untyped("point", Map.of("x", 1L, "y", 2L)));
        assertThat(workflow.defaultParams())
                .containsEntry("names", List.of("a", "b"))
                .containsEntry("nothing", null);
    }

    @Test
    void taskKeysOverrideTheDefaults() {
        Workflow workflow = PARSER.parse(workflowFile("full-options.yaml"));

        TaskSpec extract = workflow.task("extract").orElseThrow();
        assertThat(extract.retryPolicy())
                .isEqualTo(new RetryPolicy(0, Duration.ofMinutes(1), false, Duration.ofMinutes(10)));
        assertThat(extract.timeout()).isEqualTo(Duration.ofMillis(500));
        TaskSpec transform = workflow.task("transform").orElseThrow();
        assertThat(transform.retryPolicy())
                .isEqualTo(new RetryPolicy(3, Duration.ofSeconds(45), true, Duration.ofMinutes(10)));
        assertThat(transform.timeout()).isEqualTo(Duration.ofMinutes(20));
        assertThat(transform.triggerRule()).isEqualTo(TriggerRule.ALL_DONE);
        TaskSpec load = workflow.task("load").orElseThrow();
        assertThat(load.timeout()).as("timeout: ~ lifts the default").isNull();
        assertThat(load.triggerRule()).isEqualTo(TriggerRule.NONE_FAILED);
        assertThat(load.needs()).containsExactly("transform", "extract");
    }

    @Test
    void keepsTheWithConfigAsPlainJavaValues() {
        Map<String, Object> with = PARSER.parse(workflowFile("full-options.yaml"))
                .task("transform")
                .orElseThrow()
                .with();

        assertThat(with)
                .containsExactly(
                        entry("count", 3L),
                        entry("big", 16L),
                        entry("ratio", 0.0015),
                        entry("enabled", true),
                        entry("missing", null),
                        entry("quoted", "42"),
                        entry("list", java.util.Arrays.asList(1L, "two", 3.0, false, null)),
                        entry("nested", Map.of("deep", Map.of("deeper", List.of("x")))));
        assertThatThrownBy(() -> with.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void appliesTheBuiltInDefaultsToAMinimalWorkflow() {
        Workflow workflow = PARSER.parse("""
                id: minimal
                tasks:
                  - id: only
                    type: noop
                """, "minimal.yaml");

        assertThat(workflow.description()).isEmpty();
        assertThat(workflow.schedule()).isNull();
        assertThat(workflow.timezone()).isEqualTo(Workflow.DEFAULT_TIMEZONE).isEqualTo(ZoneId.of("UTC"));
        assertThat(workflow.catchup()).isFalse();
        assertThat(workflow.maxActiveRuns()).isEqualTo(16);
        assertThat(workflow.maxActiveTasks()).isEqualTo(16);
        assertThat(workflow.params()).isEmpty();
        assertThat(workflow.defaults()).isEqualTo(TaskDefaults.BUILT_IN);
        assertThat(workflow.source()).isNull();
        assertThat(workflow.sourceHash()).hasSize(64);
        TaskSpec only = workflow.tasks().get(0);
        assertThat(only.retryPolicy()).isEqualTo(new RetryPolicy(0, Duration.ofSeconds(30), false, null));
        assertThat(only.timeout()).isNull();
        assertThat(only.triggerRule()).isEqualTo(TriggerRule.ALL_SUCCESS);
        assertThat(only.with()).isEmpty();
    }

    @Test
    void acceptsAnchorsMergeKeysAndAByteOrderMark() {
        Workflow workflow = PARSER.parse("""
                \uFEFFid: anchors
                tasks:
                  - id: a
                    type: noop
                    with: &common {region: eu, size: 2}
                  - id: b
                    type: noop
                    with:
                      <<: *common
                      size: 3
                """, "anchors.yaml");

        assertThat(workflow.task("a").orElseThrow().with()).isEqualTo(Map.of("region", "eu", "size", 2L));
        assertThat(workflow.task("b").orElseThrow().with()).isEqualTo(Map.of("region", "eu", "size", 3L));
    }

    @Test
    void theSameBytesGiveAnEqualWorkflowAndOtherBytesAnotherHash() {
        String yaml = "id: same\ntasks: [{id: t, type: noop}]\n";

        assertThat(PARSER.parse(yaml, "a.yaml")).isEqualTo(PARSER.parse(yaml, "a.yaml"));
        assertThat(PARSER.parse(yaml + "# changed\n", "a.yaml").sourceHash())
                .isNotEqualTo(PARSER.parse(yaml, "a.yaml").sourceHash())
                .isEqualTo(sha256((yaml + "# changed\n").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void asksASupplierOfTaskTypesOnEveryParse() {
        Set<String> registered = new java.util.HashSet<>(Set.of("noop"));
        WorkflowParser parser = new WorkflowParser(() -> registered);
        String yaml = "id: late\ntasks: [{id: t, type: late.type}]\n";

        assertThatThrownBy(() -> parser.parse(yaml, "x.yaml"))
                .hasMessage("x.yaml:2:23: unknown task type 'late.type'; known types: noop");
        registered.add("late.type");
        assertThat(parser.parse(yaml, "x.yaml").tasks().get(0).type()).isEqualTo("late.type");
    }

    @Test
    void aPredicateOfTaskTypesWorksButCannotListThem() {
        WorkflowParser parser = new WorkflowParser(type -> type.startsWith("ok."));

        assertThat(parser.parse("id: p\ntasks: [{id: t, type: ok.fine}]\n", "x.yaml")
                        .id())
                .isEqualTo("p");
        assertThatThrownBy(() -> parser.parse("id: p\ntasks: [{id: t, type: bad}]\n", "x.yaml"))
                .hasMessage("x.yaml:2:23: unknown task type 'bad'");
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
