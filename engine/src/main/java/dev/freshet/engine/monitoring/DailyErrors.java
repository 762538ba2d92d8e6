package dev.freshet.engine.monitoring;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Sums the errors of labelled predictions per version and UTC day of prediction time. */
final class DailyErrors implements Consumer<LabelledPrediction> {
    private record Key(int version, LocalDate day) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byVersion = Integer.compare(version, other.version);
            return byVersion != 0 ? byVersion : day.compareTo(other.day);
        }
    }

    private static final class Sums {
        long count;
        double squared;
        double absolute;
    }

    private final Map<Key, Sums> sums = new TreeMap<>();

    @Override
    public void accept(LabelledPrediction row) {
        LocalDate day = LocalDate.ofInstant(row.predictedAt(), ZoneOffset.UTC);
        Sums s = sums.computeIfAbsent(new Key(row.version(), day), k -> new Sums());
        double error = row.prediction() - row.label();
        s.count++;
        s.squared += error * error;
        s.absolute += Math.abs(error);
    }

    /** By version, then day. */
    List<DailyPerformance> result() {
        List<DailyPerformance> days = new ArrayList<>();
        sums.forEach((key, s) -> days.add(new DailyPerformance(
                key.day(), key.version(), s.count, Math.sqrt(s.squared / s.count), s.absolute / s.count)));
        return days;
    }
}
