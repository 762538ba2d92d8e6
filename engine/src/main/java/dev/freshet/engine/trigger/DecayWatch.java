package dev.freshet.engine.trigger;

import dev.freshet.engine.monitoring.Monitoring;
import dev.freshet.engine.monitoring.VersionPerformance;
import dev.freshet.engine.run.RunService;
import dev.freshet.engine.run.RunStore;
import dev.freshet.engine.run.TriggerRequest;
import dev.freshet.engine.tracking.ModelRegistry;
import dev.freshet.engine.tracking.ModelVersion;
import dev.freshet.engine.workflow.DecayMetric;
import dev.freshet.engine.workflow.PerformanceTrigger;
import dev.freshet.engine.workflow.Workflow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;

/**
 * Starts the workflows with {@code trigger: { performance: ... }} when their model's champion decays: its realized
 * metric over its joined labels (at least {@code min_labels}) is above the line. A crossing fires once: it is stored
 * with the run it starts, in one transaction under the workflow's lock, so later labels, a restart or a second
 * engine do not fire it again; the outbox's {@code decay_detected} event is written in that transaction too. The metric falling back to or below the line re-arms the trigger; a new champion is a
 * new crossing of its own. Evaluated when feedback is joined, and at start-up.
 */
public final class DecayWatch {
    public static final String TRIGGERED_BY = "decay";
    private static final Logger LOG = LoggerFactory.getLogger(DecayWatch.class);

    private final Monitoring monitoring;
    private final ModelRegistry models;
    private final RunService runs;
    private final RunStore store;
    private final Supplier<List<Workflow>> workflows;
    private final Clock clock;
    private volatile DecayListener listener = DecayListener.NONE;

    public DecayWatch(
            Monitoring monitoring,
            ModelRegistry models,
            RunService runs,
            RunStore store,
            Supplier<List<Workflow>> workflows,
            Clock clock) {
        this.monitoring = monitoring;
        this.models = models;
        this.runs = runs;
        this.store = store;
        this.workflows = workflows;
        this.clock = clock;
    }

    /** The one place that hears of decay detected; called in the transaction that records it. */
    public void setListener(DecayListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Feedback for {@code model} was joined: its workflows' triggers are evaluated. */
    public void feedbackJoined(String model) {
        workflows.get().stream()
                .filter(w -> w.trigger().performance() != null
                        && w.trigger().performance().model().equals(model))
                .forEach(this::evaluate);
    }

    /** Evaluates every performance trigger. */
    public void evaluateAll() {
        workflows.get().stream().filter(w -> w.trigger().performance() != null).forEach(this::evaluate);
    }

    private void evaluate(Workflow workflow) {
        if (store.isPaused(workflow.id())) {
            return; // the next label after it is unpaused evaluates it again
        }
        try {
            check(workflow).ifPresent(event -> fire(workflow, event));
        } catch (RuntimeException e) {
            LOG.warn("could not evaluate the performance trigger of {}: {}", workflow.id(), e.getMessage(), e);
        }
    }

    /** The decay to fire for, if the champion is above the line; re-arms the trigger when it is not. */
    private Optional<DecayCrossing> check(Workflow workflow) {
        PerformanceTrigger trigger = workflow.trigger().performance();
        Optional<ModelVersion> champion = models.aliased(trigger.model(), ModelRegistry.CHAMPION);
        if (champion.isEmpty()) {
            return Optional.empty();
        }
        int version = champion.get().version();
        Optional<VersionPerformance> realized = monitoring.performance(trigger.model(), Optional.empty()).stream()
                .filter(p -> p.version() == version)
                .findFirst();
        if (realized.isEmpty() || realized.get().labels() < trigger.minLabels()) {
            return Optional.empty();
        }
        String metric = trigger.metric().yamlName();
        Double recorded = champion.get().metrics().get(metric);
        OptionalDouble holdout = recorded == null ? OptionalDouble.empty() : OptionalDouble.of(recorded);
        OptionalDouble line = trigger.above().line(holdout);
        if (line.isEmpty()) {
            LOG.warn(
                    "{}: the performance trigger's line is {} but {} version {} has no holdout {}",
                    workflow.id(),
                    trigger.above(),
                    trigger.model(),
                    version,
                    metric);
            return Optional.empty();
        }
        double value = trigger.metric() == DecayMetric.RMSE
                ? realized.get().rmse()
                : realized.get().mae();
        Instant now = clock.instant();
        if (!(value > line.getAsDouble())) {
            if (store.rearmDecayCrossing(workflow.id(), trigger.model(), version, now)) {
                LOG.info(
                        "{}: {} of {} version {} is back at {} <= {}; re-armed",
                        workflow.id(),
                        metric,
                        trigger.model(),
                        version,
                        value,
                        line.getAsDouble());
            }
            return Optional.empty();
        }
        return Optional.of(new DecayCrossing(
                workflow.id(),
                trigger.model(),
                version,
                metric,
                value,
                line.getAsDouble(),
                holdout.orElse(Double.NaN),
                realized.get().labels(),
                now));
    }

    private void fire(Workflow workflow, DecayCrossing event) {
        TriggerRequest request = TriggerRequest.manual(workflow.id(), Map.of("decay", event.conf()), TRIGGERED_BY);
        runs.trigger(request, (tx, runId) -> {
                    if (!tx.claimDecayCrossing(workflow.id(), event.model(), event.version(), event.at())) {
                        return false;
                    }
                    tx.appendEvent(event.toEvent(runId));
                    listener.decayDetected(event, tx);
                    return true;
                })
                .ifPresent(run -> LOG.info(
                        "{}: {} of {} version {} is {} over {} labels, above {}; started run {}",
                        workflow.id(),
                        event.metric(),
                        event.model(),
                        event.version(),
                        event.value(),
                        event.labels(),
                        event.threshold(),
                        run.runId()));
    }
}
