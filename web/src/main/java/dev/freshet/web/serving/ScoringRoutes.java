package dev.freshet.web.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.web.HttpProblem;
import dev.freshet.web.PathIds;
import dev.freshet.web.metrics.PredictionMetrics;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRouting;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * MLflow's scoring protocol: {@code POST /invocations} → {@code {"predictions": [...]}}, {@code GET /ping},
 * {@code /health} and {@code /version}; with {@code namedModels}, also {@code POST /models/{name}/invocations}.
 */
public final class ScoringRoutes {
    /** Response header naming the exact model version that answered, e.g. {@code models:/wine-quality/3}. */
    public static final String MODEL_HEADER = "Freshet-Model";

    private final ServedModels models;
    private final ObjectMapper mapper;
    private final boolean namedModels;
    private final PredictionMetrics metrics;
    private final PredictionLogging log;

    public record Predictions(double[] predictions) {}

    public record ModelStatus(String name, int version, String uri, List<String> features) {}

    public ScoringRoutes(
            ServedModels models,
            ObjectMapper mapper,
            boolean namedModels,
            PredictionMetrics metrics,
            PredictionLogging log) {
        this.models = models;
        this.mapper = mapper;
        this.namedModels = namedModels;
        this.metrics = metrics;
        this.log = log;
    }

    public void register(JavalinDefaultRouting routes) {
        routes.post("/invocations", ctx -> score(ctx, null));
        if (namedModels) {
            routes.post("/models/{name}/invocations", ctx -> score(ctx, PathIds.id(ctx, "name")));
        }
        routes.get("/ping", this::ping);
        routes.get("/health", this::health);
        routes.get("/version", ctx -> ctx.json(Map.of("version", version())));
    }

    private void score(Context ctx, String modelName) {
        long start = System.nanoTime();
        try {
            ScoringInput.Format format = ScoringInput.format(ctx.contentType());
            byte[] body = ctx.bodyAsBytes(); // before the model: an oversized body is 413 whichever model it is for
            ServedModel served = modelName == null ? models.defaultModel() : models.named(modelName);
            double[][] rows = ScoringInput.rows(format, body, served.model().featureNames(), mapper);
            double[] predictions = served.model().predict(rows);
            ctx.header(MODEL_HEADER, served.uri());
            for (String ids : log.logged(served, rows, predictions)) {
                ctx.res().addHeader(PredictionLogging.HEADER, ids);
            }
            ctx.json(new Predictions(predictions));
            metrics.scored(served.name(), rows.length, System.nanoTime() - start);
        } catch (RuntimeException e) {
            metrics.failed(System.nanoTime() - start);
            throw e;
        }
    }

    private void ping(Context ctx) {
        if (!models.ready()) {
            throw HttpProblem.unavailable("no champion yet");
        }
        ctx.json(Map.of("status", "ready"));
    }

    private void health(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "healthy");
        body.put("ready", models.ready());
        body.put(
                "models",
                models.loaded().stream()
                        .map(m -> new ModelStatus(
                                m.name(), m.version(), m.uri(), m.model().featureNames()))
                        .toList());
        ctx.json(body);
    }

    /** The project's version, from the pom ("dev" when the build did not filter the resources, as in an IDE). */
    public static String version() {
        try (InputStream in = ScoringRoutes.class.getResourceAsStream("/dev/freshet/version.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                String version = properties.getProperty("version", "dev");
                return version.startsWith("${") ? "dev" : version;
            }
        } catch (IOException e) {
            // fall through
        }
        return "dev";
    }
}
