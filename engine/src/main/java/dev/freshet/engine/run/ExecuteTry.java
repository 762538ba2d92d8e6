package dev.freshet.engine.run;

import dev.freshet.engine.task.TaskEvent;
import dev.freshet.engine.task.TaskResult;
import dev.freshet.engine.task.TaskType;
import dev.freshet.engine.task.TaskTypeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Runs one try already marked running and says how it ended: writes its log file, renders its config, runs its
 * {@link TaskType} on a task thread under the task's timeout. Changes nothing in the store.
 */
final class ExecuteTry {
    private static final Logger LOG = LoggerFactory.getLogger(ExecuteTry.class);

    private final TaskTypeRegistry taskTypes;
    private final TryContextFactory contexts;
    private final TaskThreads threads;
    private final TryProcesses processes;
    private final EngineSettings settings;
    private final ServerSecrets secrets;
    private final LogShipper shipper;

    ExecuteTry(
            TaskTypeRegistry taskTypes,
            TryContextFactory contexts,
            TaskThreads threads,
            TryProcesses processes,
            EngineSettings settings,
            ServerSecrets secrets,
            LogShipper shipper) {
        this.taskTypes = taskTypes;
        this.contexts = contexts;
        this.threads = threads;
        this.processes = processes;
        this.settings = settings;
        this.secrets = secrets;
        this.shipper = shipper;
    }

    Path logFile(TryKey key) {
        return FileTaskLog.fileFor(settings.logRoot(), key);
    }

    TryOutcome run(TryKey key, StartedTry started) {
        try (FileTaskLog log = new FileTaskLog(logFile(key), key, settings.clock(), secrets.masker(), shipper)) {
            if (started.spec() == null) {
                return TryOutcome.failure(
                        "workflow '" + started.run().workflowId() + "' no longer defines task '" + key.taskId() + "'");
            }
            log.info(
                    "try {} of {} ({}) on {}",
                    key.tryNumber(),
                    key.taskId(),
                    started.spec().type(),
                    settings.hostname());
            RunningTaskContext context = null;
            try {
                context = contexts.contextFor(key, started, log);
                TaskType type = taskTypes.get(started.spec().type());
                TaskResult result =
                        threads.run(key, type, context, started.spec().timeout());
                List<TaskEvent> events =
                        TryLimits.keepable(key.taskId(), context.raised(), dropped -> log.warn("{}", dropped));
                Optional<String> tooLarge = TryLimits.outputsProblem(result);
                if (tooLarge.isPresent()) {
                    log.error("failed: {}", tooLarge.get());
                    LOG.warn("try {} failed: {}", key, tooLarge.get());
                    return TryOutcome.permanentFailure(tooLarge.get()).withEvents(events);
                }
                log.info("succeeded; outputs {}", result.outputs());
                return TryOutcome.success(result).withEvents(events);
            } catch (Exception e) {
                TryOutcome failed = TryOutcome.failure(e, started.spec().timeout());
                log.error("failed: {}", failed.error());
                LOG.warn("try {} failed: {}", key, failed.error());
                if (TryOutcome.unexpected(e)) {
                    LOG.debug("try {} failed", key, e);
                }
                return context == null
                        ? failed
                        : failed.withEvents(
                                TryLimits.keepable(key.taskId(), context.raised(), dropped -> log.warn("{}", dropped)));
            } finally {
                processes.forget(key);
            }
        } catch (RuntimeException e) {
            return TryOutcome.failure("cannot run try: " + e.getMessage());
        }
    }
}
