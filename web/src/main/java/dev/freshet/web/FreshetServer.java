package dev.freshet.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.freshet.engine.Engine;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.monitoring.PredictionLog;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.tasks.model.LinearModel;
import dev.freshet.web.api.DagRunsApi;
import dev.freshet.web.api.DagVersionsApi;
import dev.freshet.web.api.DagsApi;
import dev.freshet.web.api.DatasetEventsApi;
import dev.freshet.web.api.EventsApi;
import dev.freshet.web.api.ExperimentsApi;
import dev.freshet.web.api.ImportErrorsApi;
import dev.freshet.web.api.ModelsApi;
import dev.freshet.web.api.MonitoringApi;
import dev.freshet.web.api.OpenApiRoutes;
import dev.freshet.web.api.TaskInstancesApi;
import dev.freshet.web.metrics.DriftGauges;
import dev.freshet.web.metrics.EventMetrics;
import dev.freshet.web.metrics.MetricsEndpoint;
import dev.freshet.web.metrics.PerformanceGauges;
import dev.freshet.web.metrics.PredictionLogMetrics;
import dev.freshet.web.metrics.PredictionMetrics;
import dev.freshet.web.metrics.RunMetrics;
import dev.freshet.web.serving.ChampionCache;
import dev.freshet.web.serving.FixedModel;
import dev.freshet.web.serving.PredictionLogging;
import dev.freshet.web.serving.ScoringFastPath;
import dev.freshet.web.serving.ScoringRoutes;
import dev.freshet.web.serving.ServedModel;
import dev.freshet.web.serving.ServedModels;
import dev.freshet.web.ui.PageRenderer;
import dev.freshet.web.ui.Pages;
import dev.freshet.web.ui.UiRoutes;
import dev.freshet.web.ui.UiSessions;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.JavalinDefaultRouting;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.FilterHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.freshet.engine.tracking.ModelRegistry.CHAMPION;

/**
 * The HTTP server: UI pages, the REST API under {@code /api/v1} and model serving, on one Javalin instance. The
 * engine is the caller's: closing the server does not close it.
 */
public final class FreshetServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FreshetServer.class);
    // Finds alias moves made by another process; moves made here are announced by the registry at once. A quarter
    // second keeps such a move served within a second, model load included, at one small query per check.
    static final Duration CHAMPION_CHECK_EVERY = Duration.ofMillis(250);
    private static final BodyLimits BODY_LIMITS = BodyLimits.DEFAULT;
    private static final long MAX_REQUEST_BYTES = BODY_LIMITS.scoring();
    /** Prediction ids run to about 25 bytes a row: {@link PredictionLogging#MAX_ROWS} of them, and the rest. */
    private static final int MAX_RESPONSE_HEADER_BYTES = 1 << 19;
    /** A connection that sends nothing for this long is closed. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** A blocking read (a REST mutation's body) that waits this long for a byte fails. */
    static final Duration BLOCKING_READ_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern ALIAS_URI = Pattern.compile("models:/([^/@]+)@([^/]+)");

    private final Javalin app;
    private final RouteCatalog routes;
    private final List<AutoCloseable> resources;

    private FreshetServer(Javalin app, RouteCatalog routes, List<AutoCloseable> resources) {
        this.app = app;
        this.routes = routes;
        this.resources = resources;
    }

    /** Starts the full server: UI, REST API (mutations need {@code settings.apiToken()}), serving and metrics. */
    public static FreshetServer start(Engine engine, ServerSettings settings) {
        ObjectMapper mapper = JsonMappers.create();
        MetricsEndpoint metrics = new MetricsEndpoint();
        RunMetrics runMetrics = new RunMetrics(engine, metrics.registry());
        EventMetrics.register(engine, metrics.registry());
        ChampionCache champions = ChampionCache.start(engine, CHAMPION, settings.defaultModel(), CHAMPION_CHECK_EVERY);
        BearerAuth auth = new BearerAuth(settings.apiToken());
        FailedLoginThrottle throttle = new FailedLoginThrottle(engine.config().clock(), metrics.registry());
        Pages pages = new Pages(
                new PageRenderer(),
                new UiSessions(settings.apiToken(), engine.config().clock()));
        OpenApiRoutes openApi = new OpenApiRoutes();
        PredictionMetrics predictions = new PredictionMetrics(metrics.registry());
        PredictionLogging log = predictionLog(engine, settings.predictionLog(), metrics);
        PerformanceGauges performance = new PerformanceGauges(engine.monitoring(), metrics.registry());
        DriftGauges drift = new DriftGauges(engine.monitoring(), metrics.registry());
        return launch(
                settings.port(),
                pages::errorPage,
                List.of(champions, log, performance, drift, runMetrics, metrics),
                config -> {
                    fastPath(config, new ScoringFastPath(champions, mapper, predictions, log, MAX_REQUEST_BYTES));
                    config.staticFiles.add(files -> {
                        files.hostedPath = "/public";
                        files.directory = "/public";
                        files.location = Location.CLASSPATH;
                    });
                    config.staticFiles.enableWebjars();
                    config.router.mount(routes -> {
                        guard(routes, throttle);
                        routes.before("/api/*", auth::requireForMutations);
                        new DagsApi(engine, mapper).register(routes);
                        new DagVersionsApi(engine).register(routes);
                        new DagRunsApi(engine, mapper).register(routes);
                        new DatasetEventsApi(engine).register(routes);
                        new ImportErrorsApi(engine).register(routes);
                        new TaskInstancesApi(engine, mapper).register(routes);
                        new ExperimentsApi(engine, mapper).register(routes);
                        new ModelsApi(engine, mapper).register(routes);
                        new MonitoringApi(engine, mapper, performance, drift).register(routes);
                        new EventsApi(engine).register(routes);
                        openApi.register(routes);
                        new ScoringRoutes(champions, mapper, true, predictions, log).register(routes);
                        metrics.register(routes);
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
        return serveModel(engine, modelUri, port, true);
    }

    /** As {@link #serveModel(Engine, String, int)}, with the prediction log on or off. */
    public static FreshetServer serveModel(Engine engine, String modelUri, int port, boolean predictionLog) {
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
            served = new FixedModel(
                    new ServedModel(version.name(), version.version(), version.uri(), LinearModel.read(file)));
        } else {
            served = new FixedModel(new ServedModel(modelUri, 0, modelUri, LinearModel.read(file)));
        }
        MetricsEndpoint metrics = new MetricsEndpoint();
        ServedModels model = served;
        PredictionMetrics predictions = new PredictionMetrics(metrics.registry());
        PredictionLogging log = predictionLog(engine, predictionLog, metrics);
        return launch(port, null, List.of(model, log, metrics), config -> {
            fastPath(config, new ScoringFastPath(model, mapper, predictions, log, MAX_REQUEST_BYTES));
            config.router.mount(routes -> {
                new ScoringRoutes(model, mapper, false, predictions, log).register(routes);
                metrics.register(routes);
            });
        });
    }

    private static PredictionLogging predictionLog(Engine engine, boolean on, MetricsEndpoint metrics) {
        if (!on) {
            return PredictionLogging.OFF;
        }
        return PredictionLogging.to(
                engine.monitoring()
                        .startLog(
                                new PredictionLogMetrics(metrics.registry()),
                                PredictionLog.DEFAULT_CAPACITY,
                                PredictionLog.DEFAULT_BATCH_ROWS),
                engine.config().clock());
    }

    /** Around the token checks (the API's and the login form's): refuse a guessing address, count failures. */
    private static void guard(JavalinDefaultRouting routes, FailedLoginThrottle throttle) {
        routes.before("/api/*", ctx -> {
            if (ctx.method() != HandlerType.GET && ctx.method() != HandlerType.HEAD) {
                throttle.refuseIfBlocked(ctx, FailedLoginThrottle.Endpoint.API);
            }
        });
        routes.after("/api/*", ctx -> {
            if (ctx.header("Authorization") != null) {
                throttle.countIfFailed(ctx, FailedLoginThrottle.Endpoint.API);
            }
        });
        routes.before("/login", ctx -> {
            if (ctx.method() == HandlerType.POST) {
                throttle.refuseIfBlocked(ctx, FailedLoginThrottle.Endpoint.LOGIN);
            }
        });
        routes.after("/login", ctx -> {
            if (ctx.method() == HandlerType.POST) {
                throttle.countIfFailed(ctx, FailedLoginThrottle.Endpoint.LOGIN);
            }
        });
    }

    private static void fastPath(JavalinConfig config, ScoringFastPath filter) {
        config.jetty.modifyServletContextHandler(handler -> {
            FilterHolder holder = new FilterHolder(filter);
            // ASYNC: a body that was still arriving comes back, read, from the RequestBodyGate
            handler.addFilter(holder, "/invocations", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
            handler.addFilter(holder, "/ping", EnumSet.of(DispatcherType.REQUEST));
        });
    }

    private static FreshetServer launch(
            int port, ErrorMapper.HtmlPage errorPage, List<AutoCloseable> resources, Consumer<JavalinConfig> routes) {
        RouteCatalog catalog = new RouteCatalog();
        ObjectMapper mapper = JsonMappers.create();
        Javalin app;
        try {
            app = Javalin.create(config -> {
                config.showJavalinBanner = false;
                config.startupWatcherEnabled = false;
                config.jsonMapper(new BufferedJsonMapper(mapper));
                config.http.maxRequestSize = MAX_REQUEST_BYTES;
                config.http.prefer405over404 = true;
                config.appData(ErrorMapper.MAX_BODY_KEY, MAX_REQUEST_BYTES);
                config.jetty.threadPool = ServingThreads.pool();
                config.jetty.modifyHttpConfiguration(http -> {
                    http.setIdleTimeout(BLOCKING_READ_TIMEOUT.toMillis());
                    // room for the prediction ids of the largest batch the log takes (Jetty grows its header
                    // buffer to this only for a response that needs it)
                    http.setResponseHeaderSize(MAX_RESPONSE_HEADER_BYTES);
                });
                config.jetty.addConnector((server, http) -> {
                    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                    connector.setPort(port);
                    connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
                    return connector;
                });
                config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
                config.jetty.modifyServletContextHandler(handler -> {
                    handler.setErrorHandler(new JsonErrorHandler());
                    RequestBodyGate gate = new RequestBodyGate(BODY_LIMITS, BodyPace.DEFAULT, BodyBudget.forHeap());
                    handler.addFilter(
                            new FilterHolder(gate), "/*", EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC));
                });
                config.events(events -> events.handlerAdded(catalog::add));
                config.router.mount((Consumer<JavalinDefaultRouting>) r -> r.exception(
                                Exception.class, (e, ctx) -> ErrorMapper.handle(e, ctx, errorPage))
                        // Javalin answers its own HttpResponseExceptions (such as 413) in plain text unless told
                        .exception(HttpResponseException.class, (e, ctx) -> ErrorMapper.handle(e, ctx, errorPage))
                        .error(404, ctx -> ErrorMapper.handleUnmatched(ctx, errorPage))
                        .error(405, ctx -> ErrorMapper.handleUnmatched(ctx, errorPage))
                        .after(ctx -> LogContext.clear()));
                routes.accept(config);
            });
            app.start(port);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
        LOG.info("server listening on port {}", app.port());
        return new FreshetServer(app, catalog, resources);
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** Every route registered, for checking the OpenAPI document against. */
    public List<RouteCatalog.Route> routes() {
        return routes.all();
    }

    @Override
    public void close() {
        app.stop();
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", resource, e.toString());
            }
        }
    }
}
