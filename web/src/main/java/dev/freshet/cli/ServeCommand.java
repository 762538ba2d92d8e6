package dev.freshet.cli;

import dev.freshet.engine.Engine;
import dev.freshet.web.FreshetServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code freshet models serve -m URI -p PORT}: MLflow's scoring protocol for one model, nothing else. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Serve one model over HTTP (MLflow scoring protocol).")
final class ServeCommand implements Callable<Integer> {
    @Option(
            names = {"-m", "--model-uri"},
            required = true,
            description = "runs:/RUN_ID/model, models:/NAME@ALIAS or models:/NAME/VERSION")
    String modelUri;

    @Option(
            names = {"-p", "--port"},
            defaultValue = "5000",
            description = "HTTP port (default 5000)")
    int port;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    PredictionLogOption predictionLog;

    @Override
    public Integer call() throws InterruptedException {
        boolean logPredictions = predictionLog.enabled();
        Engine engine = Engine.openStores(storeOptions.config());
        FreshetServer server = FreshetServer.serveModel(engine, modelUri, port, logPredictions);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            engine.close();
                            stopped.countDown();
                        },
                        "freshet-shutdown"));
        System.err.println("Serving " + modelUri + " on http://localhost:" + server.port() + "/invocations");
        stopped.await();
        return 0;
    }
}
