package dev.freshet.bench.freshness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.freshet.engine.error.FreshetException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The few calls of Freshet's HTTP interface the demo makes, as any client would make them. */
final class FreshetClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    FreshetClient(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    record Scored(double[] predictions, List<String> ids) {}

    Scored score(String model, List<String> columns, double[][] rows) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode split = body.putObject("dataframe_split");
        columns.forEach(split.putArray("columns")::add);
        ArrayNode data = split.putArray("data");
        for (double[] row : rows) {
            ArrayNode values = data.addArray();
            for (double v : row) {
                values.add(v);
            }
        }
        HttpResponse<String> response = send(post("/models/" + model + "/invocations", body));
        JsonNode predictions = parse(response).path("predictions");
        double[] values = new double[predictions.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = predictions.get(i).asDouble();
        }
        // a large batch's ids come in several fields of the header: one list, in row order
        List<String> fields = response.headers().allValues("Freshet-Prediction-Ids");
        List<String> ids =
                fields.isEmpty() ? List.of() : List.of(String.join(",", fields).split(","));
        return new Scored(values, ids);
    }

    JsonNode feedback(String model, List<String> ids, double[] labels) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode feedback = body.putArray("feedback");
        for (int i = 0; i < ids.size(); i++) {
            feedback.addObject().put("prediction_id", ids.get(i)).put("label", labels[i]);
        }
        return parse(send(post("/api/v1/models/" + model + "/feedback", body)));
    }

    Optional<Integer> champion(String model) {
        for (JsonNode m : get("/api/v1/models?limit=1000").path("models")) {
            if (m.path("name").asText().equals(model) && m.hasNonNull("champion_version")) {
                return Optional.of(m.get("champion_version").asInt());
            }
        }
        return Optional.empty();
    }

    JsonNode versions(String model) {
        return get("/api/v1/models/" + model + "/versions?limit=1000").path("model_versions");
    }

    List<JsonNode> runs(String dag) {
        List<JsonNode> runs = new ArrayList<>();
        get("/api/v1/dags/" + dag + "/dagRuns?limit=1000&order_by=start_date")
                .path("dag_runs")
                .forEach(runs::add);
        return runs;
    }

    JsonNode get(String path) {
        return parse(send(request(path).GET().build()));
    }

    private HttpRequest post(String path, JsonNode body) {
        return request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new FreshetException(request.method() + " " + request.uri() + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return response;
        } catch (IOException e) {
            throw new FreshetException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FreshetException("interrupted", e);
        }
    }

    private static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new FreshetException("not JSON from " + response.uri() + ": " + response.body(), e);
        }
    }
}
