package dev.freshet.cli;

import dev.freshet.engine.Engine;
import dev.freshet.engine.events.WebhookSettings;
import dev.freshet.web.ApiToken;
import dev.freshet.web.FreshetServer;
import dev.freshet.web.ServerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code freshet server}: scheduler, REST API, UI and model serving in one process, until stopped. */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = "Run the scheduler, the REST API, the web UI and model serving.")
final class ServerCommand implements Callable<Integer> {
    @Option(names = "--port", description = "HTTP port (env FRESHET_PORT; default 8080)")
    Integer port;

    @Option(names = "--model", description = "The model POST /invocations serves (default: the only one registered)")
    String model;

    @Mixin
    EngineOptions engineOptions;

    @Mixin
    PredictionLogOption predictionLog;

    @Override
    public Integer call() throws InterruptedException {
        int httpPort = port != null ? port : Integer.parseInt(envOr("FRESHET_PORT", "8080"));
        boolean logPredictions = predictionLog.enabled();
        Optional<WebhookSettings> webhooks = WebhookSettings.fromEnvironment(System.getenv());
        Engine engine = Engine.start(engineOptions.config());
        webhooks.ifPresent(engine::deliverEvents);
        ApiToken token = ApiToken.loadOrCreate(engine.config().home());
        FreshetServer server =
                FreshetServer.start(engine, new ServerSettings(httpPort, token.value(), model, logPredictions));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            engine.close();
                            stopped.countDown();
                        },
                        "freshet-shutdown"));
        System.err.println("Freshet is serving on http://localhost:" + server.port() + "/ (home "
                + engine.config().home() + ")");
        if (token.generated()) {
            System.err.println("API token (written to " + token.source() + "): " + token.value());
        }
        stopped.await();
        return 0;
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
