package dev.freshet.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A {@link TaskQueue} that delivers nothing by itself: a test moves its clock ({@link #tick}) and delivers what is due
 * ({@link #runDue}), one try at a time on the test's thread, as db-scheduler's ManualScheduler does. Like the real
 * queue, it keeps one job per try, ignores a second submission of a try it holds, and holds a try while it is being
 * delivered.
 */
public final class ManualTaskQueue implements TaskQueue {
    private final SettableClock clock;
    private final Map<TryKey, Instant> due = new LinkedHashMap<>();
    private final List<TryKey> delivered = new ArrayList<>();
    private final List<TryKey> submitted = new ArrayList<>();
    private final Set<TryKey> inFlight = new HashSet<>();

    public ManualTaskQueue(SettableClock clock) {
        this.clock = clock;
    }

    public SettableClock clock() {
        return clock;
    }

    @Override
    public synchronized void submit(TryKey key, Duration delay) {
        submitted.add(key);
        due.putIfAbsent(key, clock.instant().plus(delay));
    }

    @Override
    public synchronized boolean contains(TryKey key) {
        return due.containsKey(key);
    }

    /** The tries held, in the order they were submitted. */
    public synchronized List<TryKey> held() {
        return List.copyOf(due.keySet());
    }

    /** When a held try is due. */
    public synchronized Optional<Instant> dueAt(TryKey key) {
        return Optional.ofNullable(due.get(key));
    }

    /** Every submission so far, a repeated one included. */
    public synchronized List<TryKey> submitted() {
        return List.copyOf(submitted);
    }

    /** Every delivery so far, in order. */
    public synchronized List<TryKey> delivered() {
        return List.copyOf(delivered);
    }

    public void tick(Duration duration) {
        clock.advance(duration);
    }

    /** Delivers the tries due by the clock, earliest first, until none is due; returns how many it delivered. */
    public int runDue(TaskRunner runner) {
        return runDue(key -> runner.execute(key, false));
    }

    /** As {@link #runDue(TaskRunner)}, each delivery to {@code deliver}. */
    public int runDue(Consumer<TryKey> deliver) {
        int count = 0;
        for (Optional<TryKey> next = nextDue(); next.isPresent(); next = nextDue()) {
            TryKey key = next.get();
            synchronized (this) {
                delivered.add(key);
                inFlight.add(key);
            }
            try {
                deliver.accept(key);
            } finally {
                synchronized (this) {
                    due.remove(key);
                    inFlight.remove(key);
                }
            }
            count++;
        }
        return count;
    }

    /** Drops a held try without delivering it, as a crash between two commits would lose it. */
    public synchronized void lose(TryKey key) {
        due.remove(key);
    }

    private synchronized Optional<TryKey> nextDue() {
        Instant now = clock.instant();
        return due.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now) && !inFlight.contains(e.getKey()))
                .min(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey);
    }
}
