package dev.freshet.engine;

import dev.freshet.engine.run.TriggerRequest;

import java.nio.file.Path;
import java.util.Map;

/**
 * Run in a child JVM by {@link CrashRecoveryTest}: starts an engine (arguments: home, workflows folder, workflow id,
 * database URL), triggers one run, and waits to be killed.
 */
public final class CrashingEngineMain {
    public static void main(String[] args) throws InterruptedException {
        Engine engine = Engine.start(EngineConfig.defaults(Path.of(args[0]))
                .withWorkflowsDir(Path.of(args[1]))
                .withDatabaseUrl(args[3]));
        engine.runs().trigger(TriggerRequest.manual(args[2], Map.of(), "crash-test"));
        Thread.currentThread().join();
    }
}
