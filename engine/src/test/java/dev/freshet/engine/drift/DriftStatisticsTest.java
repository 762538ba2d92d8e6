package dev.freshet.engine.drift;

import dev.freshet.engine.error.InvalidInputException;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DriftStatisticsTest {

    private final DriftStatistics statistics = new DriftStatistics(10_000, 10);

    @Test
    void smallSamplesGetTheExactKolmogorovSmirnovPValueThatScipyGives() {
        // scipy.stats.ks_2samp(np.arange(20) / 10, np.arange(15) / 10 + 0.55, method='exact')
        double[] x = IntStream.range(0, 20).mapToDouble(i -> i / 10.0).toArray();
        double[] y = IntStream.range(0, 15).mapToDouble(i -> i / 10.0 + 0.55).toArray();

        ColumnDrift drift = statistics.compare(x, y);

        assertThat(drift.ksStatistic()).isCloseTo(0.3, within(1e-12));
        assertThat(drift.ksPValue()).isCloseTo(0.36311512914530186, within(1e-9));
    }

    @Test
    void largeSamplesGetTheAsymptoticKolmogorovPValue() {
        double[] x = IntStream.range(0, 200).mapToDouble(i -> i / 100.0).toArray();
        double[] y = IntStream.range(0, 150).mapToDouble(i -> i / 100.0 + 0.3).toArray();

        ColumnDrift drift = statistics.compare(x, y);

        double lambda = 0.15 * Math.sqrt(200.0 * 150 / 350);
        double kolmogorov = 0;
        for (int k = 1; k < 100; k++) {
            kolmogorov += 2 * Math.pow(-1, k - 1) * Math.exp(-2.0 * k * k * lambda * lambda);
        }
        assertThat(drift.ksStatistic()).isCloseTo(0.15, within(1e-12));
        assertThat(drift.ksPValue()).isCloseTo(kolmogorov, within(1e-6));
    }

    @Test
    void identicalSamplesShowNoDrift() {
        double[] x = new Random(1).doubles(5000).toArray();

        ColumnDrift drift = statistics.compare(x, x.clone());

        assertThat(drift.ksStatistic()).isZero();
        assertThat(drift.ksPValue()).isCloseTo(1.0, within(1e-9));
        assertThat(drift.psi()).isZero();
    }

    @Test
    void psiSumsTheLogRatioOfBinSharesOverTheReferenceDeciles() {
        double[] reference = IntStream.range(0, 100).mapToDouble(i -> i).toArray();
        // every current value in the reference's lowest decile: shares (1, 0, …) against (0.1, 0.1, …)
        double[] current = IntStream.range(0, 50).mapToDouble(i -> i % 10).toArray();

        double psi = statistics.psi(reference, current);

        double expected = (1 - 0.1) * Math.log(1 / 0.1)
                + 9 * (DriftStatistics.EMPTY_BIN_SHARE - 0.1) * Math.log(DriftStatistics.EMPTY_BIN_SHARE / 0.1);
        assertThat(psi).isCloseTo(expected, within(1e-12));
    }

    @Test
    void discreteColumnsGetOneBinPerDistinctQuantile() {
        double[] grades = new Random(2).ints(3000, 3, 10).asDoubleStream().toArray();
        double[] sameGrades = new Random(3).ints(3000, 3, 10).asDoubleStream().toArray();
        double[] harsherGrades =
                java.util.Arrays.stream(sameGrades).map(g -> Math.max(3, g - 1)).toArray();

        assertThat(statistics.compare(grades, sameGrades).psi()).isLessThan(0.01);
        assertThat(statistics.compare(grades, harsherGrades).psi()).isGreaterThan(0.2);
    }

    @Test
    void largeColumnsAreThinnedToTheSampleSize() {
        double[] big = new Random(4).doubles(50_000).toArray();

        ColumnDrift drift = new DriftStatistics(1000, 10).compare(big, big);

        assertThat(drift.referenceCount()).isEqualTo(1000);
        assertThat(drift.currentCount()).isEqualTo(1000);
    }

    @Test
    void rejectsEmptySamplesAndSillySettings() {
        assertThatThrownBy(() -> statistics.compare(new double[0], new double[] {1}))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("reference has 0");
        assertThatThrownBy(() -> new DriftStatistics(1, 10)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new DriftStatistics(100, 1)).isInstanceOf(InvalidInputException.class);
    }
}
