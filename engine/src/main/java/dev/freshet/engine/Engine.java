package dev.freshet.engine;

import dev.freshet.engine.artifacts.ArtifactStores;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.events.EventStore;
import dev.freshet.engine.events.Events;
import dev.freshet.engine.events.WebhookDelivery;
import dev.freshet.engine.events.WebhookSettings;
import dev.freshet.engine.monitoring.Monitoring;
import dev.freshet.engine.run.AfterCommit;
import dev.freshet.engine.run.EngineSettings;
import dev.freshet.engine.run.FileTryLog;
import dev.freshet.engine.run.ParamSettingCheck;
import dev.freshet.engine.run.PinnedWorkflows;
import dev.freshet.engine.run.Run;
import dev.freshet.engine.run.RunExperiments;
import dev.freshet.engine.run.RunService;
import dev.freshet.engine.run.RunStore;
import dev.freshet.engine.run.StoredTryLog;
import dev.freshet.engine.run.TaskLogStore;
import dev.freshet.engine.run.TaskRunner;
import dev.freshet.engine.run.TryKey;
import dev.freshet.engine.run.TryLog;
import dev.freshet.engine.scheduling.QuartzScheduling;
import dev.freshet.engine.scheduling.ScheduleService;
import dev.freshet.engine.store.Database;
import dev.freshet.engine.store.JooqEventStore;
import dev.freshet.engine.store.JooqPredictionStore;
import dev.freshet.engine.store.JooqRunStore;
import dev.freshet.engine.store.JooqTaskLogStore;
import dev.freshet.engine.store.JooqTrackingStore;
import dev.freshet.engine.store.JooqWorkflowVersions;
import dev.freshet.engine.task.TaskPreparation;
import dev.freshet.engine.task.TaskTypeRegistry;
import dev.freshet.engine.tracking.ArtifactStore;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.Tracking;
import dev.freshet.engine.trigger.DatasetRuns;
import dev.freshet.engine.trigger.DecayListener;
import dev.freshet.engine.trigger.DecayWatch;
import dev.freshet.engine.trigger.FileTriggerWatch;
import dev.freshet.engine.trigger.QuarantineOnReject;
import dev.freshet.engine.workflow.PinnedVersions;
import dev.freshet.engine.workflow.Problem;
import dev.freshet.engine.workflow.TaskSpec;
import dev.freshet.engine.workflow.VersionLedger;
import dev.freshet.engine.workflow.Workflow;
import dev.freshet.engine.workflow.WorkflowCatalog;
import dev.freshet.engine.workflow.WorkflowFolderWatch;
import dev.freshet.engine.workflow.WorkflowParser;
import dev.freshet.engine.workflow.WorkflowVersion;
import dev.freshet.engine.workflow.WorkflowVersions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine façade: one database, the workflow catalog, Quartz, the run service, tracking and the model registry,
 * started together and closed together. The web server and the CLI use the engine through this class.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private final EngineConfig config;
    private final Database database;
    private final TaskTypeRegistry taskTypes;
    private final WorkflowParser parser;
    private final WorkflowVersions versions;
    private final PinnedWorkflows pinned;
    private final Optional<WorkflowCatalog> catalog;
    private final Map<String, Workflow> loadedFiles = new ConcurrentHashMap<>();
    private final RunStore runStore;
    private final ArtifactStore artifacts;
    private final Tracking tracking;
    private final ModelRegistry models;
    private final Monitoring monitoring;
    private final EventStore eventStore;
    private final Events events;
    private final TaskRunner runner;
    private final TaskLogStore taskLogs;
    private final Path logRoot;
    private final RunService runs;
    private final QuartzScheduling quartz;
    private final ScheduleService schedules;
    private final DatasetRuns datasetRuns;
    private final DecayWatch decayWatch;
    private volatile WorkflowFolderWatch watch;
    private volatile WebhookDelivery webhooks;
    private volatile FileTriggerWatch fileTriggers;

    private Engine(EngineConfig config, String schedulerName) {
        this(config, schedulerName, true, false);
    }

    /**
     * Without {@code scheduling}: the database and the stores only, for commands that read (see openStores). With
     * {@code skipMigrationWhenCurrent}, Flyway runs only on a database whose history is missing or behind (see
     * {@link Database#open(String, String, String, int, boolean)}).
     */
    private Engine(EngineConfig config, String schedulerName, boolean scheduling, boolean skipMigrationWhenCurrent) {
        this.config = config;
        String url = config.databaseUrl() != null ? config.databaseUrl() : Database.embeddedUrl(config.home());
        this.database = Database.open(
                url,
                config.databaseUser(),
                config.databasePassword(),
                scheduling ? config.parallelism() + 4 : 2,
                skipMigrationWhenCurrent);
        ArtifactStore opened = null;
        try {
            opened = ArtifactStores.open(config.artifacts(), config.home());
            this.artifacts = opened;
            this.taskTypes = TaskTypeRegistry.loadFromClassPath();
            this.parser = new WorkflowParser(taskTypes::names);
            this.versions = new JooqWorkflowVersions(database, config.clock());
            PinnedVersions pinnedVersions = new PinnedVersions(versions, parser);
            // In a cluster a node's copy of the folder may lag behind; alone, the folder is the truth.
            VersionLedger ledger = new VersionLedger(versions, pinnedVersions, config.clustered(), config.clock());
            this.catalog =
                    Optional.ofNullable(config.workflowsDir()).map(dir -> new WorkflowCatalog(dir, parser, ledger));
            this.pinned = new PinnedWorkflows(this::workflow, pinnedVersions);
            EngineSettings settings = new EngineSettings(config.home(), hostname(), config.clock());
            this.logRoot = settings.logRoot();
            this.runStore = new JooqRunStore(database, config.clock());
            this.taskLogs = new JooqTaskLogStore(database);
            JooqTrackingStore trackingStore = new JooqTrackingStore(database);
            this.tracking = new Tracking(trackingStore, artifacts, config.clock());
            this.models = new ModelRegistry(trackingStore, artifacts, config.clock());
            this.monitoring = new Monitoring(new JooqPredictionStore(database), models, config.clock());
            this.eventStore = new JooqEventStore(database);
            this.events = new Events(eventStore, config.clock());
            AfterCommit afterCommit = new AfterCommit(runStore, config.clock());
            RunExperiments experiments = (workflowId, requested) -> requested != null
                    ? tracking.experiment(requested).id()
                    : tracking.experimentNamed(workflowId).id();
            if (!scheduling) {
                this.runner = null;
                this.runs = new RunService(runStore, pinned, experiments, null, settings, afterCommit);
                this.quartz = null;
                this.schedules = null;
                this.datasetRuns = null;
                this.decayWatch = null;
                return;
            }
            this.runner =
                    new TaskRunner(runStore, pinned, taskTypes, tracking, models, settings, afterCommit, taskLogs);
            this.runs = new RunService(runStore, pinned, experiments, runner, settings, afterCommit);
            runner.useMonitoring(monitoring);
            runs.checkSettingsWith(new ParamSettingCheck(taskTypes));
            this.quartz = new QuartzScheduling(
                    database.dataSource(),
                    new QuartzScheduling.Settings(
                            schedulerName,
                            config.clustered(),
                            config.clusterCheckin(),
                            database.isPostgres(),
                            config.parallelism()),
                    runner);
            runs.connect(quartz);
            this.datasetRuns = new DatasetRuns(runStore, runs, this::workflows);
            this.decayWatch = new DecayWatch(monitoring, models, runs, runStore, this::workflows, config.clock());
            this.schedules = quartz.schedules(runs, this::workflow, runStore::isPaused, config.clock());
        } catch (RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            database.close();
            throw e;
        }
    }

    /**
     * Opens the database (migrating it), loads the workflows, starts Quartz and recovers what a crash left; from then
     * on the workflows folder is watched (see {@link WorkflowFolderWatch}).
     */
    public static Engine start(EngineConfig config) {
        Engine engine = new Engine(config, config.schedulerName());
        try {
            engine.schedules.activate();
            engine.catalog.ifPresent(c -> engine.watch =
                    WorkflowFolderWatch.start(c, WorkflowFolderWatch.EVERY, engine::reloadChangedWorkflows));
            engine.reloadWorkflows();
            engine.runner.killLeftoverProcesses();
            engine.quartz.start();
            engine.runs.recover();
            engine.runner.onDatasetsProduced(engine.datasetRuns::produced);
            engine.datasetRuns.startPending();
            engine.monitoring.addFeedbackListener(engine.decayWatch::feedbackJoined);
            engine.decayWatch.evaluateAll();
            engine.schedules.catchUp(engine.workflows());
            engine.runs.addListener(new QuarantineOnReject(engine::workflow, engine.runs, engine.runner));
            engine.fileTriggers = FileTriggerWatch.start(
                    engine::workflows, engine.runStore::isPaused, engine.runs, config.clock(), FileTriggerWatch.EVERY);
            LOG.info(
                    "engine started: home {}, artifacts {}, {} workflow(s), task types {}",
                    config.home(),
                    engine.artifacts.root(),
                    engine.workflows().size(),
                    engine.taskTypes.names());
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * Opens the database and the registry and reads the workflows folder (if it exists) without starting Quartz or
     * touching the schedules: for commands that change runs (clear, mark, cancel) and must not pick up and run queued
     * tasks in their own process. Its scheduler has the server's name, so a try it hands
     * to Quartz (a cleared task, say) is stored for the server to run.
     */
    public static Engine open(EngineConfig config) {
        Engine engine = new Engine(config, config.schedulerName());
        try {
            engine.loadCatalog();
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /**
     * Opens the database and the stores only — no Quartz, no task runner, no workflow files, no migration when the
     * schema is current — for commands that read runs, experiments and models, or change only the registry. Such an
     * engine cannot trigger, cancel, clear or mark runs.
     */
    public static Engine openStores(EngineConfig config) {
        return new Engine(config, config.schedulerName(), false, true);
    }

    /**
     * Starts an engine of its own for {@code freshet run}: its Quartz scheduler has a name of its own, so it runs only
     * the tries of the runs it triggers, and it neither recovers nor schedules the server's work. A database that is
     * already current is not handed to Flyway (its scan and validation of the migrations are most of a short run's
     * opening); the server's start still validates.
     */
    public static Engine startStandalone(EngineConfig config) {
        Engine engine = new Engine(
                config,
                config.schedulerName() + "-run-" + ProcessHandle.current().pid() + "-"
                        + Integer.toHexString(System.identityHashCode(config)),
                true,
                true);
        try {
            engine.quartz.start();
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    /** Re-reads the workflows folder (a broken file keeps its last good version) and updates the schedules. */
    public void reloadWorkflows() {
        requireScheduling();
        reload(false);
    }

    /**
     * A change the folder watch saw: reload, update the schedules, and catch up the workflows that are new or changed,
     * as a restart would.
     */
    private void reloadChangedWorkflows() {
        reload(true);
    }

    private synchronized void reload(boolean catchUpChanged) {
        Optional<WorkflowCatalog.ReloadResult> result = catalog.map(c -> {
            WorkflowCatalog.ReloadResult reloaded = c.reload();
            if (!catchUpChanged) {
                c.errors().forEach((file, problems) -> problems.forEach(p -> LOG.error("{}", p)));
            }
            return reloaded;
        });
        syncSchedules();
        if (catchUpChanged && result.isPresent()) {
            List<String> changed = new ArrayList<>(result.get().added());
            changed.addAll(result.get().updated());
            changed.forEach(id -> {
                try {
                    schedules.catchUp(id);
                } catch (RuntimeException e) {
                    LOG.error("catch-up of {} failed: {}", id, e.getMessage(), e);
                }
            });
        }
    }

    private void syncSchedules() {
        Set<String> paused = new HashSet<>();
        for (Workflow workflow : workflows()) {
            if (runStore.isPaused(workflow.id())) {
                paused.add(workflow.id());
            }
        }
        quartz.syncSchedules(workflows(), paused);
    }

    /**
     * Reads the workflows folder, if it exists, without touching the schedules: what a command that clears, marks
     * or cancels needs to know of a run's workflow.
     */
    private void loadCatalog() {
        catalog.filter(c -> Files.isDirectory(config.workflowsDir())).ifPresent(Engine::reloadLogged);
    }

    private static void reloadLogged(WorkflowCatalog catalog) {
        catalog.reload();
        catalog.errors().forEach((file, problems) -> problems.forEach(p -> LOG.error("{}", p)));
    }

    private void requireScheduling() {
        if (quartz == null) {
            throw new IllegalStateException("this engine was opened for reading only (Engine.openStores)");
        }
    }

    /**
     * Starts preparing, on a background thread, the task types a workflow file uses ({@link dev.freshet.engine.task.TaskType#prepare()}),
     * before an engine is started to run it: the types' one-time work then overlaps the opening of the database.
     * Does nothing when the file cannot be read or parsed; loading it reports why.
     */
    public static void prepareTasksOf(Path workflowFile) {
        Thread thread = new Thread(
                () -> {
                    try {
                        TaskTypeRegistry registry = TaskTypeRegistry.loadFromClassPath();
                        Workflow workflow = new WorkflowParser(registry::names).parse(workflowFile);
                        TaskPreparation.process()
                                .prepare(
                                        registry,
                                        workflow.tasks().stream()
                                                .map(TaskSpec::type)
                                                .toList());
                    } catch (RuntimeException e) {
                        LOG.debug("not preparing the task types of {}: {}", workflowFile, e.getMessage());
                    }
                },
                "freshet-prepare");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Starts preparing, on a background thread, the task types of a workflow about to run that were not prepared yet
     * in this process.
     */
    public void prepareTasks(Workflow workflow) {
        TaskPreparation.process()
                .start(taskTypes, workflow.tasks().stream().map(TaskSpec::type).toList());
    }

    /**
     * Parses a workflow file given on the command line, records its version and makes it runnable (it is not
     * scheduled).
     */
    public Workflow load(Path file) {
        WorkflowVersion version = parser.parseVersion(file, config.clock().instant());
        versions.record(version);
        Workflow workflow = parser.parse(version);
        loadedFiles.put(workflow.id(), workflow);
        return workflow;
    }

    /**
     * The definition {@code run} follows: the version it started with, which may no longer be the file's; empty when
     * that version can no longer be read.
     */
    public Optional<Workflow> workflowOf(Run run) {
        return pinned.pinned(run);
    }

    /** The hash of the version of workflow {@code id} this node serves now. */
    public Optional<String> currentVersion(String id) {
        return workflow(id).map(Workflow::sourceHash);
    }

    /** Every version workflow {@code id} has had, oldest first, as the nodes recorded them. */
    public List<WorkflowVersion> workflowVersions(String id) {
        return versions.versions(id);
    }

    /**
     * One version of workflow {@code id}: by its number (1 for the first, as {@link #workflowVersions} counts them),
     * its hash, or a prefix of its hash of at least 7 hex digits.
     *
     * @throws NotFoundException when there is no such version, or the prefix fits several
     */
    public WorkflowVersion workflowVersion(String id, String ref) {
        String wanted = ref == null ? "" : ref.strip().toLowerCase(Locale.ROOT);
        List<WorkflowVersion> all = versions.versions(id);
        if (wanted.matches("[0-9]{1,6}")) {
            int number = Integer.parseInt(wanted);
            if (number >= 1 && number <= all.size()) {
                return all.get(number - 1);
            }
            throw new NotFoundException("workflow '" + id + "' has no version " + number + "; it has "
                    + (all.isEmpty() ? "none recorded" : "1 to " + all.size()));
        }
        List<WorkflowVersion> matching = wanted.length() < 7
                ? List.of()
                : all.stream().filter(v -> v.hash().startsWith(wanted)).toList();
        if (matching.size() != 1) {
            throw new NotFoundException("workflow '" + id + "' has "
                    + (matching.isEmpty() ? "no version " : "several versions starting with ") + "'" + ref
                    + "'; give its number or at least 7 hex digits of its hash");
        }
        return matching.get(0);
    }

    /** The number of {@code version} among its workflow's versions (1 for the first); 0 when it is not recorded. */
    public int versionNumber(WorkflowVersion version) {
        return versionNumber(version.workflowId(), version.hash());
    }

    /** The number of the version of workflow {@code id} with {@code hash} (1 for the first); 0 when not recorded. */
    public int versionNumber(String id, String hash) {
        List<WorkflowVersion> all = versions.versions(id);
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).hash().equals(hash)) {
                return i + 1;
            }
        }
        return 0;
    }

    public Optional<Workflow> workflow(String id) {
        Workflow loaded = loadedFiles.get(id);
        return loaded != null ? Optional.of(loaded) : catalog.flatMap(c -> c.get(id));
    }

    public List<Workflow> workflows() {
        List<Workflow> all = new ArrayList<>(catalog.map(WorkflowCatalog::all).orElse(List.of()));
        loadedFiles.values().stream()
                .filter(w -> all.stream().noneMatch(c -> c.id().equals(w.id())))
                .forEach(all::add);
        return all;
    }

    /** Problems of the workflow files that did not load, by file. */
    public Map<Path, List<Problem>> workflowErrors() {
        return catalog.map(WorkflowCatalog::errors).orElse(Map.of());
    }

    /** The problems of the file of workflow {@code id} when it is broken now and the workflow is its last good version. */
    public List<Problem> workflowProblems(String id) {
        return catalog.map(c -> c.problemsOf(id)).orElse(List.of());
    }

    public RunService runs() {
        return runs;
    }

    /** Starts the runs that dataset events are due to start (what an engine does at start-up and after a commit). */
    void startDatasetRuns() {
        requireScheduling();
        datasetRuns.startPending();
    }

    /** Evaluates every performance trigger (what an engine does at start-up). */
    void evaluateDecay() {
        requireScheduling();
        decayWatch.evaluateAll();
    }

    /** Where decay is detected: a listener hears of each in the transaction that records it. */
    public void onDecayDetected(DecayListener listener) {
        requireScheduling();
        decayWatch.setListener(listener);
    }

    public Tracking tracking() {
        return tracking;
    }

    public ModelRegistry models() {
        return models;
    }

    /** The prediction log, the ground truth joined to it and the realized errors of served models. */
    public Monitoring monitoring() {
        return monitoring;
    }

    /** The outbox: events written with the changes they report, and their delivery. */
    public Events events() {
        return events;
    }

    /**
     * Delivers the outbox's events to the webhook from now until {@link #close}: those written before (by this
     * process, one before it, or another node) as well as new ones. Once per engine.
     */
    public synchronized void deliverEvents(WebhookSettings settings) {
        if (webhooks != null) {
            throw new IllegalStateException("this engine delivers events already");
        }
        webhooks = new WebhookDelivery(eventStore, settings, config.clock(), hostname()).start();
    }

    public TaskTypeRegistry taskTypes() {
        return taskTypes;
    }

    public EngineConfig config() {
        return config;
    }

    public boolean isPaused(String workflowId) {
        return runStore.isPaused(workflowId);
    }

    public void setPaused(String workflowId, boolean paused) {
        workflow(workflowId).orElseThrow(() -> new NotFoundException("workflow '" + workflowId + "' does not exist"));
        runStore.setPaused(workflowId, paused);
        reloadWorkflows();
        if (!paused) {
            schedules.catchUp(workflowId);
            datasetRuns.startPending();
        }
    }

    public Instant nextFireTime(String workflowId) {
        requireScheduling();
        return quartz.nextFireTime(workflowId);
    }

    public Path logFile(String runId, String taskId, int tryNumber) {
        requireScheduling();
        return runner.logFile(new TryKey(runId, taskId, tryNumber));
    }

    /**
     * A try's log: the file when the try ran on this node, otherwise the chunks its node shipped to the database
     * (empty when neither holds any of it). Either grows while the try runs.
     */
    public Optional<TryLog> tryLog(String runId, String taskId, int tryNumber) {
        TryKey key = new TryKey(runId, taskId, tryNumber);
        FileTryLog file = FileTryLog.of(logRoot, key);
        if (Files.isRegularFile(file.file())) {
            return Optional.of(file);
        }
        return taskLogs.length(key) < 0 ? Optional.empty() : Optional.of(new StoredTryLog(taskLogs, key));
    }

    @Override
    public void close() {
        WorkflowFolderWatch watching = watch;
        if (watching != null) {
            watching.close();
        }
        WebhookDelivery delivering = webhooks;
        if (delivering != null) {
            delivering.close();
        }
        FileTriggerWatch triggers = fileTriggers;
        if (triggers != null) {
            triggers.close();
        }
        if (quartz != null) {
            runner.stopCarrying();
            quartz.shutdown(true);
            runner.shutdown();
        }
        artifacts.close();
        database.close();
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName() + ":"
                    + ProcessHandle.current().pid();
        } catch (UnknownHostException e) {
            return "localhost:" + ProcessHandle.current().pid();
        }
    }
}
