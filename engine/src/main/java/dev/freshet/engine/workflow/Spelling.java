package dev.freshet.engine.workflow;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean ...?" suggestions: a misspelt key or task id is the commonest mistake in a workflow file. */
final class Spelling {
    static final int MAX_DISTANCE = 2;

    private Spelling() {}

    /** The candidate closest to {@code word} within {@link #MAX_DISTANCE} edits; ties go to the earlier candidate. */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            // "a" is one edit from "b": only suggest when the word has more to it than the edits.
            if (distance <= MAX_DISTANCE && distance < word.length() && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** "; did you mean 'x'?" or "", for appending to a message. */
    static String suggestion(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
    }

    /**
     * The tail of an "unknown ..." message: {@code "; did you mean 'x'? Allowed keys: x, y"}, or without a close
     * candidate {@code "; allowed keys: x, y"}, where {@code label} is "allowed keys".
     */
    static String hint(String word, Collection<String> candidates, String label) {
        String list = candidates.isEmpty() ? "" : label + ": " + String.join(", ", candidates);
        Optional<String> closest = closest(word, candidates);
        if (closest.isPresent()) {
            String next = list.isEmpty() ? "" : " " + Character.toUpperCase(list.charAt(0)) + list.substring(1);
            return "; did you mean '" + closest.get() + "'?" + next;
        }
        return list.isEmpty() ? "" : "; " + list;
    }

    /** Optimal string alignment distance: Levenshtein plus swaps of two adjacent characters ("ingets" → "ingest" is 1). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
