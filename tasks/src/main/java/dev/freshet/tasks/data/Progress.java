package dev.freshet.tasks.data;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * Logs how far a long pass over data has come — rows and MB done, the rate and the time left — at most once per
 * {@link #INTERVAL_NANOS interval}, so that a task's log (which the run page shows as it grows) says what a long
 * ingest, validation or fit is doing. Totals may be unknown (0): then no percentage or ETA is given.
 */
public final class Progress {

    static final long INTERVAL_NANOS = 2_000_000_000L;

    private final Consumer<String> log;
    private final String what;
    private final long totalRows;
    private final long totalBytes;
    private final long started = System.nanoTime();
    private long lastLogged = started;

    public Progress(Consumer<String> log, String what, long totalRows, long totalBytes) {
        this.log = log;
        this.what = what;
        this.totalRows = totalRows;
        this.totalBytes = totalBytes;
    }

    /** Reports the position (rows and bytes done so far); logs when the interval has passed. */
    public void at(long rows, long bytes) {
        long now = System.nanoTime();
        if (now - lastLogged < INTERVAL_NANOS) {
            return;
        }
        lastLogged = now;
        log.accept(describe(rows, bytes, (now - started) / 1e9));
    }

    /** A progress that logs nothing. */
    public static Progress silent() {
        return new Progress(message -> {}, "", 0, 0);
    }

    /** Reports rows done when the bytes are in proportion (a pass over a snapshot of known size). */
    public void atRows(long rows) {
        at(rows, totalRows > 0 ? (long) ((double) rows / totalRows * totalBytes) : 0);
    }

    /** Reports a share done (0..1) when only that is known, e.g. from the query engine. */
    public void atShare(double share) {
        at((long) (share * totalRows), (long) (share * totalBytes));
    }

    String describe(long rows, long bytes, double seconds) {
        StringBuilder text = new StringBuilder(what).append(": ");
        // a pass that knows only its bytes (an engine's parse, rows not counted yet) says nothing of rows
        boolean countsRows = rows > 0 || totalRows > 0 || totalBytes == 0 && bytes == 0;
        if (countsRows) {
            text.append(String.format(Locale.ROOT, "%,d", rows));
            if (totalRows > 0) {
                text.append(String.format(Locale.ROOT, " of %,d", totalRows));
            }
            text.append(" rows");
        }
        if (totalBytes > 0 || bytes > 0) {
            text.append(countsRows ? ", " : "").append(String.format(Locale.ROOT, "%.1f", bytes / 1e6));
            if (totalBytes > 0) {
                text.append(String.format(Locale.ROOT, " of %.1f", totalBytes / 1e6));
            }
            text.append(" MB");
        }
        double share = totalRows > 0 ? (double) rows / totalRows : totalBytes > 0 ? (double) bytes / totalBytes : 0;
        if (share > 0) {
            text.append(String.format(Locale.ROOT, " (%.0f%%)", 100 * share));
        }
        if (seconds > 0) {
            if (countsRows) {
                text.append(String.format(Locale.ROOT, ", %,.0f rows/s", rows / seconds));
            }
            if (bytes > 0) {
                text.append(String.format(Locale.ROOT, ", %.1f MB/s", bytes / 1e6 / seconds));
            }
        }
        if (share > 0 && share < 1) {
            text.append(String.format(Locale.ROOT, ", about %.0f s left", seconds * (1 - share) / share));
        }
        return text.toString();
    }
}
