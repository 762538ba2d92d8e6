package dev.freshet.tasks;

import java.util.Map;

/**
 * The champion scored on the candidate's holdout: its metrics, or why it could not be scored (e.g. the holdout
 * lacks a feature it needs).
 */
record ChampionScore(int version, Map<String, Double> metrics, String problem) {

    static ChampionScore scored(int version, Map<String, Double> metrics) {
        return new ChampionScore(version, metrics, null);
    }

    static ChampionScore unscorable(int version, String problem) {
        return new ChampionScore(version, null, problem);
    }
}
