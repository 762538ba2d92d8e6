package dev.freshet.tasks.data;

import dev.freshet.engine.drift.ColumnDrift;
import dev.freshet.engine.drift.DriftRules;
import dev.freshet.engine.drift.DriftStatistics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The drift part of validation: per-column KS and PSI against the reference, and drift of the data set. */
final class DriftChecks {

    /** Makes a check with the rules' severity for its kind. */
    interface CheckMaker {
        Check check(
                CheckKind kind,
                String column,
                boolean holds,
                Double value,
                Double threshold,
                String message,
                Map<String, Object> details);
    }

    private final DriftRules rules;
    private final CheckMaker maker;

    DriftChecks(ValidationRules rules, CheckMaker maker) {
        this.rules = rules.drift();
        this.maker = maker;
    }

    List<Check> run(ValidationInput input, DataProfile profile) {
        if (!rules.enabled()) {
            return List.of();
        }
        if (input.reference() == null) {
            return List.of(skip(
                    CheckKind.DATASET_DRIFT,
                    null,
                    "no reference data (no champion yet): " + "nothing to compare with"));
        }
        DriftStatistics statistics = new DriftStatistics(rules.sampleSize(), rules.psiBins());
        List<Check> checks = new ArrayList<>();
        List<String> drifted = new ArrayList<>();
        int compared = 0;
        List<String> referenceColumns = input.reference().scan().columns();
        DataProfile referenceProfile = input.reference().profile(Schema.EMPTY, rules.sampleSize());
        for (String column : input.data().scan().columns()) {
            if (!referenceColumns.contains(column)
                    || (!rules.columns().isEmpty() && !rules.columns().contains(column))) {
                continue;
            }
            double[] reference = referenceProfile.driftSample(column);
            double[] current = profile.driftSample(column);
            if (reference.length < 2 || current.length < 2) {
                checks.add(skip(
                        CheckKind.DRIFT_KS,
                        column,
                        "too few values to compare (" + reference.length + " in the reference, " + current.length
                                + " now)"));
                continue;
            }
            ColumnDrift drift = statistics.compare(reference, current);
            compared++;
            boolean ksHolds = drift.ksPValue() >= rules.pValue();
            boolean psiHolds = drift.psi() < rules.psi();
            Map<String, Object> ksDetails = new LinkedHashMap<>();
            ksDetails.put("statistic", drift.ksStatistic());
            ksDetails.put("reference_values", drift.referenceCount());
            ksDetails.put("current_values", drift.currentCount());
            checks.add(maker.check(
                    CheckKind.DRIFT_KS,
                    column,
                    ksHolds,
                    drift.ksPValue(),
                    rules.pValue(),
                    String.format(
                            Locale.ROOT,
                            "KS statistic %.4f, p-value %s %s %s against %s",
                            drift.ksStatistic(),
                            pValue(drift.ksPValue()),
                            ksHolds ? ">=" : "<",
                            Numbers.format(rules.pValue()),
                            input.referenceName()),
                    ksDetails));
            checks.add(maker.check(
                    CheckKind.DRIFT_PSI,
                    column,
                    psiHolds,
                    drift.psi(),
                    rules.psi(),
                    String.format(
                            Locale.ROOT,
                            "PSI %.4f %s %s over %d quantile bins of %s",
                            drift.psi(),
                            psiHolds ? "<" : ">=",
                            Numbers.format(rules.psi()),
                            rules.psiBins(),
                            input.referenceName()),
                    Map.of()));
            if (!ksHolds || !psiHolds) {
                drifted.add(column);
            }
        }
        double share = compared == 0 ? 0.0 : (double) drifted.size() / compared;
        boolean holds = share < rules.datasetShare();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("drifted_columns", drifted);
        details.put("columns_compared", compared);
        checks.add(maker.check(
                CheckKind.DATASET_DRIFT,
                null,
                holds,
                share,
                rules.datasetShare(),
                drifted.size() + " of " + compared + " columns drifted (" + Numbers.percent(share) + "), "
                        + (holds ? "below" : "reaching") + " the data-set threshold of "
                        + Numbers.percent(rules.datasetShare()) + (drifted.isEmpty() ? "" : ": " + drifted),
                details));
        return checks;
    }

    /** The asymptotic p-value is 1 minus a sum, so below about 1e-15 it is 0 to double precision. */
    private static String pValue(double p) {
        return p < 1e-15 ? "< 1e-15" : String.format(Locale.ROOT, "%.3g", p);
    }

    private static Check skip(CheckKind kind, String column, String message) {
        return new Check(kind.checkName(), column, kind.defaultSeverity(), Verdict.SKIP, null, null, message);
    }
}
