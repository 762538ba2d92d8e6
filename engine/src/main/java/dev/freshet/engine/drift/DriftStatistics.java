package dev.freshet.engine.drift;

import dev.freshet.engine.error.InvalidInputException;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

import java.util.Arrays;

/**
 * Drift statistics between a reference sample (the champion's training data) and the current data: the two-sample
 * Kolmogorov–Smirnov test (commons-math3: exact for small samples, the asymptotic distribution otherwise) and the
 * population stability index {@code PSI = sum (c - r) ln(c / r)} over bins at the reference's quantiles.
 *
 * <p>Samples larger than {@code sampleSize} are thinned to that size at evenly spaced positions: with hundreds of
 * thousands of rows the KS test calls differences far too small to matter significant, and sorting every column
 * of a large data set would cost more than the training.
 */
public final class DriftStatistics {

    /** Empty bins count as this share, so that PSI stays finite (the usual convention). */
    static final double EMPTY_BIN_SHARE = 1e-4;

    private final int sampleSize;
    private final int bins;

    public DriftStatistics(int sampleSize, int bins) {
        if (sampleSize < 2) {
            throw new InvalidInputException("drift sample_size must be at least 2, was " + sampleSize);
        }
        if (bins < 2) {
            throw new InvalidInputException("drift psi_bins must be at least 2, was " + bins);
        }
        this.sampleSize = sampleSize;
        this.bins = bins;
    }

    public ColumnDrift compare(double[] reference, double[] current) {
        if (reference.length == 0 || current.length == 0) {
            throw new InvalidInputException("drift needs values on both sides; reference has " + reference.length
                    + ", current has " + current.length);
        }
        double[] ref = thin(reference);
        double[] cur = thin(current);
        // Repeatable: the test jitters tied values of small samples with a generator of its own on a fixed seed; the
        // generator a caller may pass (deprecated) serves only the bootstrap and Monte Carlo p-values, unused here.
        KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();
        double statistic = ks.kolmogorovSmirnovStatistic(ref, cur);
        // P(D >= d), the usual p-value (and scipy's); the one-argument form gives P(D > d) for small samples.
        double pValue = ks.kolmogorovSmirnovTest(ref, cur, false);
        return new ColumnDrift(statistic, pValue, psi(ref, cur), ref.length, cur.length);
    }

    double psi(double[] reference, double[] current) {
        double[] sorted = reference.clone();
        Arrays.sort(sorted);
        double[] edges = quantileEdges(sorted);
        double[] refShare = shares(sorted, edges);
        double[] curShare = shares(current, edges);
        double psi = 0;
        for (int b = 0; b < refShare.length; b++) {
            double r = Math.max(refShare[b], EMPTY_BIN_SHARE);
            double c = Math.max(curShare[b], EMPTY_BIN_SHARE);
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }

    /**
     * The distinct reference quantiles at 1/bins, 2/bins, … (the smallest value with at least that share of the
     * reference at or below it); bin b holds values in (edge[b-1], edge[b]].
     */
    private double[] quantileEdges(double[] sorted) {
        double[] edges = new double[bins - 1];
        int count = 0;
        for (int k = 1; k < bins; k++) {
            int index = (int) Math.ceil((double) k * sorted.length / bins) - 1;
            double edge = sorted[Math.max(0, Math.min(sorted.length - 1, index))];
            if (count == 0 || edge > edges[count - 1]) {
                edges[count++] = edge;
            }
        }
        return Arrays.copyOf(edges, count);
    }

    private static double[] shares(double[] values, double[] edges) {
        double[] counts = new double[edges.length + 1];
        for (double value : values) {
            int position = Arrays.binarySearch(edges, value);
            counts[position >= 0 ? position : -position - 1]++;
        }
        for (int b = 0; b < counts.length; b++) {
            counts[b] /= values.length;
        }
        return counts;
    }

    private double[] thin(double[] values) {
        if (values.length <= sampleSize) {
            return values;
        }
        double[] sample = new double[sampleSize];
        for (int k = 0; k < sampleSize; k++) {
            sample[k] = values[(int) ((long) k * values.length / sampleSize)];
        }
        return sample;
    }
}
