package dev.freshet.web;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Apache Airflow's published stable REST API spec (the test resource {@code airflow-spec/v1.yaml}, Airflow 2.10.0,
 * Apache-2.0) and a check of answers against it with Atlassian's swagger-request-validator. An answer whose status
 * the spec lists for its operation is validated as that response; an error the spec does not list for the
 * operation (a 400 for a bad filter of a list, a 405) must still be the spec's {@code Error}. Every operation
 * checked with a successful answer is recorded, so a test can tell which of the spec's operations it covered.
 */
final class AirflowSpec {
    static final String BASE_PATH = "/api/v1";
    private static final String RESOURCE = "/airflow-spec/v1.yaml";

    private final OpenApiInteractionValidator validator;
    private final List<Operation> operations = new ArrayList<>();
    private final JsonSchema errorSchema;
    private final Set<String> coveredWithSuccess = ConcurrentHashMap.newKeySet();
    private final ObjectMapper json = new ObjectMapper();

    private record Operation(
            String method, String template, Pattern pattern, Set<String> statuses, String operationId) {
        String key() {
            return method + " " + normalize(template);
        }
    }

    AirflowSpec() {
        JsonNode spec = json.valueToTree(new Load(LoadSettings.builder()
                        .setCodePointLimit(Integer.MAX_VALUE)
                        .build())
                .loadFromString(read()));
        // The validator overflows its stack on ScheduleInterval's discriminator (an anyOf keyed by "__type"); without
        // it the anyOf still holds a schedule to one of its three shapes, and the tests check "__type" themselves.
        ((ObjectNode) spec.at("/components/schemas/ScheduleInterval")).remove("discriminator");
        // Airflow's schemas do not forbid properties they do not name (OpenAPI's default, which Airflow's client
        // follows); the validator would by default. Freshet's additions are documented in its own OpenAPI document.
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString())
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        spec.get("paths").properties().iterator();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            Pattern pattern =
                    Pattern.compile(Pattern.quote(BASE_PATH) + path.getKey().replaceAll("\\{[^}]+}", "[^/]+"));
            path.getValue().properties().forEach(op -> {
                if (List.of("get", "post", "put", "patch", "delete").contains(op.getKey())) {
                    Set<String> statuses = new java.util.HashSet<>();
                    op.getValue().get("responses").fieldNames().forEachRemaining(statuses::add);
                    operations.add(new Operation(
                            op.getKey().toUpperCase(Locale.ROOT),
                            path.getKey(),
                            pattern,
                            statuses,
                            op.getValue().path("operationId").asText()));
                }
            });
        }
        this.errorSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(spec.at("/components/schemas/Error"));
    }

    /** "METHOD /path/{}" of every operation the spec has. */
    Set<String> operationKeys() {
        return operations.stream().map(Operation::key).collect(Collectors.toSet());
    }

    /** Airflow's operationId of each operation, by "METHOD /path/{}". */
    Map<String, String> operationIds() {
        return operations.stream().collect(Collectors.toMap(Operation::key, Operation::operationId));
    }

    /** The operations that some checked answer covered with a 2xx. */
    Set<String> coveredWithSuccess() {
        return Set.copyOf(coveredWithSuccess);
    }

    /** A route's path with its parameter names dropped: {@code /api/v1/dags/{}}. */
    static String normalize(String path) {
        return (path.startsWith(BASE_PATH) ? path.substring(BASE_PATH.length()) : path).replaceAll("\\{[^}]+}", "{}");
    }

    /** Fails unless the answer is what Airflow's spec allows for its request; returns it. */
    HttpResponse<String> check(HttpResponse<String> response) {
        String method = response.request().method();
        String path = response.request().uri().getRawPath();
        List<Operation> onPath = operations.stream()
                .filter(op -> op.pattern().matcher(path).matches())
                .toList();
        if (onPath.isEmpty()) {
            throw new AssertionError(method + " " + path + " is not a path of Airflow's API");
        }
        // a literal segment beats a parameter (/dags/{dag_id}/dagRuns/list is not /dags/{dag_id}/dagRuns/{id})
        Operation operation = onPath.stream()
                .filter(op -> op.method().equals(method))
                .min(java.util.Comparator.comparingInt(op -> op.template().split("\\{").length))
                .orElse(null);
        int status = response.statusCode();
        if (operation == null || !operation.statuses().contains(String.valueOf(status))) {
            if (status < 400) {
                throw new AssertionError(method + " " + path + " answered " + status + ", which Airflow's spec does "
                        + "not list for it: " + response.body());
            }
            checkError(method, path, response);
            return response;
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(status).withContentType(contentType);
        if (!response.body().isEmpty()) {
            answer.withBody(response.body(), StandardCharsets.UTF_8);
        }
        ValidationReport report = validator.validateResponse(path, Request.Method.valueOf(method), answer.build());
        if (report.hasErrors()) {
            throw new AssertionError(method + " " + path + " (" + status + ") is not valid against Airflow's spec:\n"
                    + describe(report.getMessages(), "  ") + "body: " + abbreviate(response.body()));
        }
        if (status >= 400) {
            checkError(method, path, response);
        } else {
            coveredWithSuccess.add(operation.key());
        }
        return response;
    }

    /** The validator's messages with their nested ones (what failed inside an allOf or anyOf), indented. */
    private static String describe(List<ValidationReport.Message> messages, String indent) {
        StringBuilder text = new StringBuilder();
        for (ValidationReport.Message message : messages) {
            text.append(indent)
                    .append(message.getKey())
                    .append(": ")
                    .append(message.getMessage())
                    .append('\n');
            message.getAdditionalInfo()
                    .forEach(info ->
                            text.append(indent).append("  ").append(info).append('\n'));
            text.append(describe(message.getNestedMessages(), indent + "  "));
        }
        return text.toString();
    }

    private void checkError(String method, String path, HttpResponse<String> response) {
        JsonNode body;
        try {
            body = json.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError(
                    method + " " + path + " (" + response.statusCode() + "): not JSON: " + abbreviate(response.body()),
                    e);
        }
        Set<ValidationMessage> problems = errorSchema.validate(body);
        if (!problems.isEmpty()) {
            throw new AssertionError(method + " " + path + " (" + response.statusCode() + ") is not Airflow's Error: "
                    + problems + "\nbody: " + abbreviate(response.body()));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 2000) + "...";
    }

    private static String read() {
        try (InputStream in = AirflowSpec.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
