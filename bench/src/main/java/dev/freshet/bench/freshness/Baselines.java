package dev.freshet.bench.freshness;

import dev.freshet.tasks.model.ElasticNet;
import dev.freshet.tasks.model.ElasticNetParams;
import dev.freshet.tasks.model.LinearModel;

import java.util.List;

/** The models the served one is measured against, fitted in-process with the workflow's own estimator and penalty. */
final class Baselines {
    private final ElasticNet estimator;
    private final List<String> features;

    Baselines(ElasticNetParams params, List<String> features) {
        this.estimator = new ElasticNet(params);
        this.features = features;
    }

    LinearModel fit(DayData day) {
        return estimator.fit(features, day.features(), day.labels());
    }

    static double rmse(double[] predictions, double[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double error = predictions[i] - labels[i];
            sum += error * error;
        }
        return Math.sqrt(sum / labels.length);
    }
}
