package dev.freshet.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.InvalidInputException;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.tasks.model.LinearModel;
import dev.freshet.web.api.DagRunsApi;
import dev.freshet.web.api.DagsApi;
import dev.freshet.web.api.ExperimentsApi;
import dev.freshet.web.api.ModelsApi;
import dev.freshet.web.api.TaskInstancesApi;
import dev.freshet.web.serving.ChampionCache;
import dev.freshet.web.serving.FixedModel;
import dev.freshet.web.serving.ScoringRoutes;
import dev.freshet.web.serving.ServedModel;
import dev.freshet.web.serving.ServedModels;
import dev.freshet.web.ui.PageRenderer;
import dev.freshet.web.ui.UiRoutes;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.router.JavalinDefaultRouting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP server: UI pages, the REST API under {@code /api/v1} and model serving, on one Javalin instance. The
 * engine is the caller's: closing the server does not close it.
 */
public final class FreshetServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FreshetServer.class);
    static final Duration CHAMPION_CHECK_EVERY = Duration.ofSeconds(1);
    private static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    private static final Pattern ALIAS_URI = Pattern.compile("models:/([^/@]+)@([^/]+)");

    private final Javalin app;
    private final ServedModels served;

    private FreshetServer(Javalin app, ServedModels served) {
        this.app = app;
        this.served = served;
    }

    /** Starts the full server: UI, REST API (mutations need {@code settings.apiToken()}) and serving. */
    public static FreshetServer start(Engine engine, ServerSettings settings) {
        ObjectMapper mapper = JsonMappers.create();
        ChampionCache champions = ChampionCache.start(engine, ModelsApi.CHAMPION, settings.defaultModel(),
                CHAMPION_CHECK_EVERY);
        BearerAuth auth = new BearerAuth(settings.apiToken());
        PageRenderer pages = new PageRenderer();
        return launch(settings.port(), mapper, champions, config -> {
            config.staticFiles.add(files -> {
                files.hostedPath = "/public";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
            });
            config.router.mount(routes -> {
                routes.before("/api/*", auth::requireForMutations);
                new DagsApi(engine, mapper).register(routes);
                new DagRunsApi(engine, mapper).register(routes);
                new TaskInstancesApi(engine, mapper).register(routes);
                new ExperimentsApi(engine, mapper).register(routes);
                new ModelsApi(engine, mapper).register(routes);
                new ScoringRoutes(champions, mapper, true).register(routes);
                new UiRoutes(engine, pages).register(routes);
            });
        });
    }

    /**
     * Serves one model and nothing else ({@code /invocations}, {@code /ping}, {@code /health}, {@code /version}),
     * for {@code freshet models serve -m URI -p PORT}. {@code models:/NAME@ALIAS} follows the alias as it moves;
     * {@code models:/NAME/VERSION} and {@code runs:/RUN_ID/PATH} are loaded once.
     */
    public static FreshetServer serveModel(Engine engine, String modelUri, int port) {
        if (port < 0 || port > 65_535) {
            throw new InvalidInputException("port must be within 0..65535, was " + port);
        }
        ObjectMapper mapper = JsonMappers.create();
        // Fails fast (404/400 kinds) when the URI names nothing.
        Path file = engine.models().resolveFile(modelUri);
        ServedModels served;
        Matcher alias = ALIAS_URI.matcher(modelUri);
        if (alias.matches()) {
            served = ChampionCache.start(engine, alias.group(2), alias.group(1), CHAMPION_CHECK_EVERY);
        } else if (modelUri.startsWith("models:/")) {
            ModelVersion version = engine.models().resolveVersion(modelUri);
            served = new FixedModel(new ServedModel(version.name(), version.version(), version.uri(),
                    LinearModel.read(file)));
        } else {
            served = new FixedModel(new ServedModel(modelUri, 0, modelUri, LinearModel.read(file)));
        }
        return launch(port, mapper, served,
                config -> config.router.mount(routes -> new ScoringRoutes(served, mapper, false).register(routes)));
    }

    private static FreshetServer launch(int port, ObjectMapper mapper, ServedModels served,
                                        Consumer<JavalinConfig> routes) {
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(mapper, false));
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.router.mount((Consumer<JavalinDefaultRouting>) r -> r
                    .exception(Exception.class, ErrorMapper::handle)
                    .error(404, ErrorMapper::handleUnmatched));
            routes.accept(config);
        });
        try {
            app.start(port);
        } catch (RuntimeException e) {
            served.close();
            throw e;
        }
        LOG.info("server listening on port {}", app.port());
        return new FreshetServer(app, served);
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        served.close();
        app.stop();
    }
}
