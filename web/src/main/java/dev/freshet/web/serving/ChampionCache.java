package dev.freshet.web.serving;

import dev.freshet.engine.Engine;
import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.tracking.AliasListener;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.tasks.model.LinearModel;
import dev.freshet.web.HttpProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The loaded model behind an alias (normally {@code champion}) of every registered model, swapped in place when the
 * alias moves. A move through this process's registry (REST, UI, a {@code promote.model} task) asks for a check as
 * soon as it has committed; a move by another process (the CLI, another node) is found by a check every
 * {@code checkEvery}, which costs one query while nothing moved. Requests read the map and never wait for a swap:
 * each gets the old or the new model.
 */
public final class ChampionCache implements ServedModels {
    private static final Logger LOG = LoggerFactory.getLogger(ChampionCache.class);

    private final ModelRegistry registry;
    private final String alias;
    private final String defaultModel;
    private final ConcurrentMap<String, ServedModel> loaded = new ConcurrentHashMap<>();
    // The version that last failed to load, per model, so a broken file is not retried (and logged) at every poll.
    private final Map<String, Integer> failedVersions = new ConcurrentHashMap<>();
    // The registry's model names as of the last check: the hot path of /invocations never queries the database.
    private volatile List<String> knownNames = List.of();
    private volatile boolean checkFailing;
    private final ScheduledExecutorService checker;
    private final Runnable detach;

    private ChampionCache(Engine engine, String alias, String defaultModel, Duration checkEvery) {
        this.registry = engine.models();
        this.alias = alias;
        this.defaultModel = defaultModel;
        this.checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "freshet-champion-check");
            thread.setDaemon(true);
            return thread;
        });
        AliasListener listener = move -> {
            if (move.alias().equals(alias)) {
                checkSoon();
            }
        };
        registry.addAliasListener(listener);
        this.detach = () -> registry.removeAliasListener(listener);
        long millis = checkEvery.toMillis();
        checker.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Loads the current target of {@code alias} of every model and keeps them fresh.
     *
     * @param defaultModel the model {@code /invocations} serves; null: the only registered model
     */
    public static ChampionCache start(Engine engine, String alias, String defaultModel, Duration checkEvery) {
        ChampionCache cache = new ChampionCache(engine, alias, defaultModel, checkEvery);
        cache.checkQuietly();
        return cache;
    }

    @Override
    public ServedModel defaultModel() {
        if (defaultModel != null) {
            return champion(defaultModel, false);
        }
        List<String> known = knownNames;
        if (known.size() == 1) {
            ServedModel only = loaded.get(known.get(0));
            if (only != null) {
                return only;
            }
        }
        List<String> names = registry.modelNames();
        if (names.isEmpty()) {
            throw HttpProblem.unavailable("no champion yet: no model is registered");
        }
        if (names.size() > 1) {
            List<String> sorted = names.stream().sorted().toList();
            throw new InvalidInputException("several models are registered (" + String.join(", ", sorted)
                    + "), so /invocations does not know which to use: POST to /models/{name}/invocations (e.g. /models/"
                    + sorted.get(0) + "/invocations), or start the server with --model NAME to choose the model "
                    + "/invocations serves");
        }
        return champion(names.get(0), false);
    }

    @Override
    public ServedModel named(String name) {
        return champion(name, true);
    }

    @Override
    public boolean ready() {
        try {
            defaultModel();
            return true;
        } catch (InvalidInputException ambiguous) {
            return !loaded.isEmpty();
        } catch (FreshetException notYet) {
            return false;
        }
    }

    @Override
    public List<ServedModel> loaded() {
        return loaded.values().stream()
                .sorted(Comparator.comparing(ServedModel::name))
                .toList();
    }

    /** Asks for a check now (without waiting for it). */
    public void checkSoon() {
        try {
            checker.execute(this::checkQuietly);
        } catch (RejectedExecutionException closed) {
            // the cache is closed; nothing to refresh
        }
    }

    /** Reloads every model whose alias points at another version than the one loaded. */
    public void check() {
        Map<String, OptionalInt> targets = registry.aliasTargets(alias);
        knownNames = List.copyOf(targets.keySet());
        for (Map.Entry<String, OptionalInt> entry : targets.entrySet()) {
            String name = entry.getKey();
            OptionalInt target = entry.getValue();
            if (target.isEmpty()) {
                loaded.remove(name);
                continue;
            }
            int version = target.getAsInt();
            ServedModel current = loaded.get(name);
            if (current != null && current.version() == version) {
                continue;
            }
            if (Integer.valueOf(version).equals(failedVersions.get(name))) {
                continue;
            }
            try {
                loaded.put(name, load(registry.version(name, version)));
                failedVersions.remove(name);
                LOG.info(
                        "serving {}@{}: version {}{}",
                        name,
                        alias,
                        version,
                        current == null ? "" : " (was " + current.version() + ")");
            } catch (RuntimeException e) {
                failedVersions.put(name, version);
                LOG.warn(
                        "cannot load {} version {}; still serving {}: {}",
                        name,
                        version,
                        current == null ? "nothing" : "version " + current.version(),
                        e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        detach.run();
        checker.shutdownNow();
    }

    private void checkQuietly() {
        try {
            check();
            if (checkFailing) {
                checkFailing = false;
                LOG.info("champion check works again");
            }
        } catch (RuntimeException e) {
            if (!checkFailing) { // said once, not four times a second while the database is away
                checkFailing = true;
                LOG.warn("champion check failed (said again only after it has worked): {}", e.toString());
            }
        }
    }

    private ServedModel champion(String name, boolean unknownIsNotFound) {
        ServedModel current = loaded.get(name);
        if (current != null) {
            return current;
        }
        Optional<ModelVersion> target = registry.aliased(name, alias);
        if (target.isEmpty()) {
            if (unknownIsNotFound && !registry.modelNames().contains(name)) {
                throw new NotFoundException("model '" + name + "' does not exist");
            }
            throw HttpProblem.unavailable(
                    "no champion yet: model '" + name + "' has no version marked '" + alias + "'");
        }
        ServedModel model;
        try {
            model = load(target.get());
        } catch (RuntimeException e) {
            LOG.warn("cannot load {} version {}: {}", name, target.get().version(), e.getMessage());
            throw HttpProblem.unavailable("model '" + name + "' version "
                    + target.get().version() + " cannot be loaded; the server log has the details");
        }
        // A concurrent check may have loaded a newer target meanwhile; never replace it with this one.
        ServedModel raced = loaded.putIfAbsent(name, model);
        return raced != null ? raced : model;
    }

    private ServedModel load(ModelVersion version) {
        Path file = registry.resolveFile(version.sourceUri());
        return new ServedModel(version.name(), version.version(), version.uri(), LinearModel.read(file));
    }
}
