package dev.freshet.engine.monitoring;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The served traffic's feature drift against the champion's training data.
 *
 * @param status        {@link Status#OK} when features were compared; otherwise why not, with {@code note}
 * @param version       the champion version whose training data is the reference, or 0 without a champion
 * @param since         the start of the window, or null for the latest logged predictions
 * @param rows          logged predictions compared (at most the gate's sample size, the latest first)
 * @param driftedShare  the share of compared features that drifted
 * @param datasetDrift  whether that share reaches the gate's data-set threshold
 */
public record DriftReport(
        Status status,
        int version,
        Instant since,
        int rows,
        List<FeatureDrift> features,
        double driftedShare,
        boolean datasetDrift,
        String note) {
    public DriftReport {
        Objects.requireNonNull(status, "status");
        features = List.copyOf(features);
    }

    public enum Status {
        OK,
        NO_CHAMPION,
        NO_REFERENCE,
        NO_TRAFFIC
    }

    static DriftReport without(Status status, int version, Instant since, int rows, String note) {
        return new DriftReport(status, version, since, rows, List.of(), 0.0, false, note);
    }

    public long driftedFeatures() {
        return features.stream().filter(FeatureDrift::drifted).count();
    }
}
