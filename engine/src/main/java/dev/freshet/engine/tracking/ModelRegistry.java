package dev.freshet.engine.tracking;

import dev.freshet.engine.error.ConflictException;
import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.error.NotFoundException;
import dev.freshet.engine.events.Event;
import dev.freshet.engine.events.EventKind;
import dev.freshet.engine.events.EventSubject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registered models, their versions and aliases (MLflow's model registry). Aliases move by compare-and-set and
 * every move is logged, so two runs promoting at once can never both win against the same champion. Listeners hear
 * of every move made through this registry once it has committed.
 */
public final class ModelRegistry {
    /** The alias of the version that serves: promotion moves it, rollback moves it back. */
    public static final String CHAMPION = "champion";

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
    private static final Pattern MODELS_URI = Pattern.compile("models:/([^/@]+)(?:@([^/]+)|/(\\d+))");
    private static final Pattern RUNS_URI = Pattern.compile("runs:/([^/]+)/(.+)");

    /** Every rollback's log entry starts so; promotions never do. */
    private static final String ROLLBACK_REASON = "rollback from version ";

    private final TrackingStore store;
    private final ArtifactStore artifacts;
    private final Clock clock;
    private final List<AliasListener> listeners = new CopyOnWriteArrayList<>();

    public ModelRegistry(TrackingStore store, ArtifactStore artifacts, Clock clock) {
        this.artifacts = artifacts;
        this.store = store;
        this.clock = clock;
    }

    public void addAliasListener(AliasListener listener) {
        listeners.add(listener);
    }

    public void removeAliasListener(AliasListener listener) {
        listeners.remove(listener);
    }

    public ModelVersion register(
            String name, String runId, String sourceUri, Map<String, Double> metrics, Map<String, Object> lineage) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("model name: must not be blank");
        }
        return store.registerVersion(name, runId, sourceUri, metrics, lineage, clock.instant());
    }

    public Optional<ModelVersion> aliased(String name, String alias) {
        OptionalInt version = store.aliasVersion(name, alias);
        return version.isPresent() ? store.version(name, version.getAsInt()) : Optional.empty();
    }

    public ModelVersion version(String name, int version) {
        return store.version(name, version)
                .orElseThrow(() -> new NotFoundException(
                        exists(name)
                                ? "model '" + name + "' has no version " + version
                                : "model '" + name + "' does not exist"));
    }

    public List<ModelVersion> versions(String name) {
        return store.versions(name);
    }

    public List<String> modelNames() {
        return store.modelNames();
    }

    public boolean exists(String name) {
        return store.modelNames().contains(name);
    }

    /** Every alias of the model (e.g. champion) and the version it points at. */
    public Map<String, Integer> aliases(String name) {
        return store.aliases(name);
    }

    /** Every registered model, by name, and the version {@code alias} points at (empty: unset), in one query. */
    public Map<String, OptionalInt> aliasTargets(String alias) {
        return store.aliasTargets(alias);
    }

    /**
     * Moves {@code alias} to {@code toVersion} if it still points at {@code expected}; false when another promotion
     * got there first.
     */
    public boolean moveAlias(
            String name, String alias, OptionalInt expected, int toVersion, String runId, String reason) {
        version(name, toVersion);
        return move(name, alias, expected, toVersion, runId, reason);
    }

    /** Promotes a version by hand, whatever the alias points at now. */
    public void promote(String name, String alias, int toVersion, String reason) {
        OptionalInt current = store.aliasVersion(name, alias);
        if (!moveAlias(name, alias, current, toVersion, null, reason)) {
            throw new ConflictException("alias '" + alias + "' of model '" + name + "' moved meanwhile; try again");
        }
    }

    /**
     * Moves the alias back to the version it pointed at before the current one was promoted; the rollback is logged
     * too. Rollbacks undo promotions in turn: two rollbacks after two promotions return to the first version.
     */
    public ModelVersion rollback(String name, String alias) {
        OptionalInt current = store.aliasVersion(name, alias);
        if (current.isEmpty()) {
            throw new NotFoundException(
                    exists(name)
                            ? "model '" + name + "' has no alias '" + alias + "'"
                            : "model '" + name + "' does not exist");
        }
        Deque<Integer> history = new ArrayDeque<>();
        for (PromotionLogEntry entry : store.promotionLog(name)) {
            if (!entry.alias().equals(alias)) {
                continue;
            }
            if (entry.reason().startsWith(ROLLBACK_REASON)) {
                history.pop();
            } else {
                history.push(entry.toVersion());
            }
        }
        if (history.size() < 2) {
            throw new ConflictException("'" + name + "@" + alias + "' has no earlier version to roll back to");
        }
        history.pop();
        int target = history.peek();
        if (!move(name, alias, current, target, null, ROLLBACK_REASON + current.getAsInt())) {
            throw new ConflictException("alias '" + alias + "' of model '" + name + "' moved meanwhile; try again");
        }
        return version(name, target);
    }

    private boolean move(String name, String alias, OptionalInt expected, int toVersion, String runId, String reason) {
        Instant now = clock.instant();
        Event event = aliasEvent(name, alias, expected, toVersion, runId, reason, now);
        if (!store.moveAlias(name, alias, expected, toVersion, runId, reason, now, event)) {
            return false;
        }
        // The compare-and-set held, so the alias moved from exactly the expected version.
        AliasMove move = new AliasMove(name, alias, expected.isPresent() ? expected.getAsInt() : null, toVersion);
        for (AliasListener listener : listeners) {
            try {
                listener.aliasMoved(move);
            } catch (RuntimeException e) {
                // the move has committed; a listener cannot undo it, and the caller must not see it fail
                LOG.warn("alias listener failed for {}@{}: {}", name, alias, e.toString());
            }
        }
        return true;
    }

    /** A move of the alias: a promotion, or a rollback (which the reason marks). */
    private static Event aliasEvent(
            String name, String alias, OptionalInt from, int toVersion, String runId, String reason, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("alias", alias);
        payload.put("from_version", from.isPresent() ? from.getAsInt() : null);
        payload.put("to_version", toVersion);
        payload.put("reason", reason);
        EventKind kind = reason.startsWith(ROLLBACK_REASON) ? EventKind.ROLLED_BACK : EventKind.PROMOTED;
        return Event.create(kind, now, new EventSubject(null, runId, name, toVersion), payload);
    }

    public List<PromotionLogEntry> promotionLog(String name) {
        return store.promotionLog(name);
    }

    /** The version a {@code models:/NAME@ALIAS} or {@code models:/NAME/VERSION} URI names. */
    public ModelVersion resolveVersion(String uri) {
        Matcher m = MODELS_URI.matcher(uri);
        if (!m.matches()) {
            throw new InvalidInputException(
                    "model URI '" + uri + "': expected models:/NAME@ALIAS or models:/NAME/VERSION");
        }
        List<String> names = store.modelNames();
        if (!names.contains(m.group(1))) {
            throw new NotFoundException("no model '" + m.group(1) + "' ("
                    + (names.isEmpty() ? "no model is registered yet" : "models: " + String.join(", ", names)) + ")");
        }
        if (m.group(2) != null) {
            return aliased(m.group(1), m.group(2))
                    .orElseThrow(() ->
                            new NotFoundException("model '" + m.group(1) + "' has no alias '" + m.group(2) + "'"));
        }
        return version(m.group(1), Integer.parseInt(m.group(3)));
    }

    /**
     * A local file with the artifact behind a {@code models:/…} or {@code runs:/RUN/PATH} URI, fetched from the
     * artifact store when this node does not have it.
     */
    public Path resolveFile(String uri) {
        if (uri.startsWith("models:/")) {
            return resolveFile(resolveVersion(uri).sourceUri());
        }
        Matcher m = RUNS_URI.matcher(uri);
        if (!m.matches()) {
            throw new InvalidInputException(
                    "model URI '" + uri + "': expected runs:/RUN_ID/PATH or models:/NAME@ALIAS");
        }
        Artifact artifact = store.artifact(m.group(1), m.group(2))
                .orElseThrow(
                        () -> new NotFoundException("run " + m.group(1) + " has no artifact '" + m.group(2) + "'"));
        return artifacts.localCopy(artifact.location(), artifact.sha256());
    }
}
