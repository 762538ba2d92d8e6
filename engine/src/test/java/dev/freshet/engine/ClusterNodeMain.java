package dev.freshet.engine;

import java.nio.file.Path;

/** Run in a child JVM by the cluster tests: one clustered engine node on the given database, until it is killed. */
public final class ClusterNodeMain {
    public static void main(String[] args) throws InterruptedException {
        Path home = Path.of(args[0]);
        Engine.start(EngineConfig.defaults(home)
                .withWorkflowsDir(Path.of(args[1]))
                .withDatabaseUrl(args[2])
                .withClustered(true)
                .withParallelism(2));
        System.out.println(STARTED);
        Thread.currentThread().join();
    }

    static final String STARTED = "cluster node started";
}
