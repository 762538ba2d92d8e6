package dev.freshet.tasks.data;

import dev.freshet.engine.error.InvalidInputException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which batches a run trains on: those modified inside a {@code window} that ends at the run's logical date, and
 * of those the {@code newest} N (by modification time, then name). Either may be absent; neither means all.
 */
public record BatchSelection(Integer newest, Duration window) {

    public static final BatchSelection ALL = new BatchSelection(null, null);

    public BatchSelection {
        if (newest != null && newest < 1) {
            throw new InvalidInputException("newest must be at least 1, was " + newest);
        }
        if (window != null && (window.isZero() || window.isNegative())) {
            throw new InvalidInputException("window must be a positive duration, was " + window);
        }
    }

    /**
     * The selected batches, oldest first; fails when none is left, naming the newest batch there is so that a stale
     * landing folder is easy to recognise.
     */
    public List<BatchFile> select(List<BatchFile> batches, Instant logicalDate, String source) {
        List<BatchFile> sorted = batches.stream().sorted(BatchFile.OLDEST_FIRST).toList();
        List<BatchFile> selected = sorted;
        if (window != null) {
            Instant start = logicalDate.minus(window);
            selected = selected.stream()
                    .filter(b -> b.modified().isAfter(start) && !b.modified().isAfter(logicalDate))
                    .toList();
            if (selected.isEmpty()) {
                BatchFile latest = sorted.get(sorted.size() - 1);
                throw new InvalidInputException(source + ": no batch was modified in the window of "
                        + window + " ending at the run's logical date " + logicalDate + " (the newest, "
                        + latest.path() + ", was modified at " + latest.modified() + ")");
            }
        }
        if (newest != null && selected.size() > newest) {
            selected = selected.subList(selected.size() - newest, selected.size());
        }
        return List.copyOf(selected);
    }
}
