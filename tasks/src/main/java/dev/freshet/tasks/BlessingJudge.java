package dev.freshet.tasks;

import dev.freshet.tasks.data.Numbers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides a blessing from the candidate's metrics, the champion's on the same holdout, and the thresholds: blessed
 * only when every value threshold and every change threshold holds. With a champion and no change threshold
 * configured, the candidate's RMSE must be strictly lower than the champion's (a tie keeps the champion).
 */
final class BlessingJudge {

    record Judgement(boolean blessed, List<String> reasons, List<ThresholdCheck> checks) {}

    private final List<MetricThreshold> thresholds;
    private final boolean compareWithChampion;

    BlessingJudge(List<MetricThreshold> thresholds, boolean compareWithChampion) {
        this.thresholds = List.copyOf(thresholds);
        this.compareWithChampion = compareWithChampion;
    }

    /** @param champion the champion's score, or null when there is none (or no comparison is wanted) */
    Judgement judge(Map<String, Double> candidate, ChampionScore champion, String championName) {
        List<ThresholdCheck> checks = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        boolean blessed = true;
        for (MetricThreshold threshold : thresholds) {
            double value = candidate.get(threshold.metric());
            if (threshold.max() != null) {
                checks.add(valueCheck(threshold.metric(), "max", value, threshold.max(), value <= threshold.max()));
            }
            if (threshold.min() != null) {
                checks.add(valueCheck(threshold.metric(), "min", value, threshold.min(), value >= threshold.min()));
            }
        }
        List<MetricThreshold> changes =
                thresholds.stream().filter(MetricThreshold::hasChange).toList();
        if (!compareWithChampion) {
            if (!changes.isEmpty()) {
                reasons.add("compare_to is none: change thresholds are not applied");
            }
        } else if (champion == null) {
            reasons.add("no " + championName + " yet: nothing to compare with");
        } else if (champion.problem() != null) {
            blessed = false;
            reasons.add(championName + " version " + champion.version() + " cannot be scored on this holdout ("
                    + champion.problem() + "), so the candidate cannot be shown to be better");
        } else {
            for (MetricThreshold change : changes.isEmpty() ? List.of(MetricThreshold.beatChampionRmse()) : changes) {
                checks.addAll(changeChecks(change, candidate, champion, championName));
            }
        }
        for (ThresholdCheck check : checks) {
            blessed &= check.passed();
            reasons.add((check.passed() ? "passed: " : "failed: ") + check.message());
        }
        if (thresholds.isEmpty() && (!compareWithChampion || champion == null)) {
            reasons.add("no thresholds configured");
        }
        return new Judgement(blessed, reasons, checks);
    }

    private static ThresholdCheck valueCheck(String metric, String kind, double value, double bound, boolean passed) {
        String relation = kind.equals("max") ? (passed ? "<=" : ">") : (passed ? ">=" : "<");
        return new ThresholdCheck(
                metric,
                kind,
                value,
                bound,
                null,
                passed,
                metric + " " + fmt(value) + " " + relation + " " + kind + " " + Numbers.format(bound));
    }

    private static List<ThresholdCheck> changeChecks(
            MetricThreshold change, Map<String, Double> candidate, ChampionScore champion, String championName) {
        String metric = change.metric();
        double value = candidate.get(metric);
        double baseline = champion.metrics().get(metric);
        double improvement = change.direction().improvement(value, baseline);
        String against = metric + " " + fmt(value) + " vs " + championName + " version " + champion.version() + "'s "
                + fmt(baseline) + " (" + change.direction().wireName() + "): improvement " + fmt(improvement);
        List<ThresholdCheck> checks = new ArrayList<>();
        if (change.absolute() != null) {
            boolean passed = improvement > change.absolute();
            checks.add(new ThresholdCheck(
                    metric,
                    "change_absolute",
                    value,
                    change.absolute(),
                    baseline,
                    passed,
                    against + (passed ? " > " : " <= ") + Numbers.format(change.absolute()) + " required"));
        }
        if (change.relative() != null) {
            double required = change.relative() * Math.abs(baseline);
            boolean passed = improvement > required;
            checks.add(new ThresholdCheck(
                    metric,
                    "change_relative",
                    value,
                    change.relative(),
                    baseline,
                    passed,
                    against + (passed ? " > " : " <= ") + fmt(required) + " required ("
                            + Numbers.percent(change.relative()) + " of the champion's)"));
        }
        return checks;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }
}
