package dev.freshet.engine.scheduling;

import dev.freshet.engine.error.InvalidInputException;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * One numeric cron field (minute, hour, day-of-month, month or day-of-week) expanded to the set of values it matches:
 * {@code *}, numbers, names, ranges {@code A-B}, steps {@code *}{@code /S}, {@code A/S}, {@code A-B/S}, and lists of
 * these. Special characters ({@code L}, {@code W}, {@code #}) are not expanded here.
 */
record CronField(String name, int min, int max, List<String> names) {
    static final CronField HOUR = new CronField("hour", 0, 23, List.of());
    static final CronField DAY_OF_MONTH = new CronField("day-of-month", 1, 31, List.of());
    /** Unix numbering: 0 and 7 are Sunday. */
    static final CronField DAY_OF_WEEK =
            new CronField("day-of-week", 0, 7, List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"));

    /** Whether the field uses only what {@link #expand} understands (no L, W or #; day names may contain a W). */
    boolean isExpandable(String field) {
        String rest = field.toUpperCase(Locale.ROOT);
        for (String n : names) {
            rest = rest.replace(n, "");
        }
        return rest.chars().noneMatch(c -> c == 'L' || c == 'W' || c == '#');
    }

    /**
     * The values the field matches. For the day of week, 7 is folded into 0 (both Sunday) and a range may end on
     * Sunday written as 0 ({@code FRI-SUN}), as croniter allows.
     */
    BitSet expand(String field, String expression) {
        BitSet values = new BitSet(max + 1);
        for (String item : field.split(",", -1)) {
            addItem(item, values, field, expression);
        }
        if (this == DAY_OF_WEEK && values.get(7)) {
            values.clear(7);
            values.set(0);
        }
        return values;
    }

    /** Whether the field matches every value of its range (croniter's notion of an unrestricted field). */
    boolean coversAll(String field, String expression) {
        BitSet values = expand(field, expression);
        int last = this == DAY_OF_WEEK ? 6 : max;
        return values.nextClearBit(min) > last;
    }

    private void addItem(String item, BitSet values, String field, String expression) {
        if (item.isEmpty()) {
            throw problem(field, expression, "has an empty list item");
        }
        String range = item;
        int step = 1;
        int slash = item.indexOf('/');
        if (slash >= 0) {
            range = item.substring(0, slash);
            step = number(item.substring(slash + 1), field, expression);
            if (step < 1) {
                throw problem(field, expression, "has a step of " + step + "; steps start at 1");
            }
        }
        int from;
        int to;
        if (range.equals("*") || range.equals("?")) {
            from = min;
            to = this == DAY_OF_WEEK ? 6 : max;
        } else if (range.contains("-")) {
            String[] ends = range.split("-", 2);
            from = value(ends[0], field, expression);
            to = value(ends[1], field, expression);
            if (this == DAY_OF_WEEK && to == 0 && from > 0) {
                to = 7;
            }
            if (to < from) {
                throw problem(field, expression, "has the range " + range + ", which goes backwards");
            }
        } else {
            from = value(range, field, expression);
            to = slash >= 0 ? max : from;
        }
        for (int v = from; v <= to; v += step) {
            values.set(v);
        }
    }

    private int value(String token, String field, String expression) {
        int index = names.indexOf(token.toUpperCase(Locale.ROOT));
        int v = index >= 0 ? index : number(token, field, expression);
        if (v < min || v > max) {
            throw problem(field, expression, "has " + token + ", outside " + min + "-" + max);
        }
        return v;
    }

    private int number(String token, String field, String expression) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw problem(
                    field,
                    expression,
                    "has '" + token + "', which is not a number"
                            + (names.isEmpty() ? "" : " or one of " + String.join(", ", names)));
        }
    }

    private InvalidInputException problem(String field, String expression, String what) {
        return new InvalidInputException("schedule '" + expression + "': " + name + " '" + field + "' " + what);
    }
}
