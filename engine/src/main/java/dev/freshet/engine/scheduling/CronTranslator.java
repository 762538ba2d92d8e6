package dev.freshet.engine.scheduling;

import dev.freshet.engine.InvalidInputException;
import dev.freshet.engine.workflow.Schedule;
import org.quartz.CronExpression;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Turns a workflow's schedule into Quartz cron expressions. A Unix cron whose day-of-month and day-of-week are both
 * restricted fires when either matches (Vixie cron, Airflow); Quartz cannot say "or" in one expression, so that case
 * becomes two expressions, one per field.
 */
public final class CronTranslator {
    private static final Map<String, String> PRESETS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *");
    private static final List<String> DAY_NAMES = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");

    private CronTranslator() {
    }

    public static List<String> toQuartz(Schedule schedule) {
        String expression = schedule.expression();
        if (schedule.kind() == Schedule.Kind.PRESET) {
            String unix = PRESETS.get(expression);
            if (unix == null) {
                throw new InvalidInputException("schedule '" + expression + "' has no cron equivalent");
            }
            return fromUnix(unix.split(" "));
        }
        if (schedule.kind() == Schedule.Kind.QUARTZ_CRON) {
            validate(expression);
            return List.of(expression);
        }
        return fromUnix(expression.split("\\s+"));
    }

    private static List<String> fromUnix(String[] f) {
        String minute = f[0];
        String hour = f[1];
        String dom = f[2];
        String month = f[3];
        String dow = f[4];
        boolean domSet = !dom.equals("*") && !dom.equals("?");
        boolean dowSet = !dow.equals("*") && !dow.equals("?");
        String prefix = "0 " + minute + " " + hour + " ";
        List<String> result;
        if (domSet && dowSet) {
            result = List.of(prefix + dom + " " + month + " ?", prefix + "? " + month + " " + quartzDays(dow));
        } else if (dowSet) {
            result = List.of(prefix + "? " + month + " " + quartzDays(dow));
        } else {
            result = List.of(prefix + dom + " " + month + " ?");
        }
        result.forEach(CronTranslator::validate);
        return result;
    }

    /** Unix day-of-week (0-7, Sunday 0 or 7, names) as an explicit Quartz list (1-7, Sunday 1). */
    private static String quartzDays(String field) {
        TreeSet<Integer> days = new TreeSet<>();
        for (String item : field.split(",")) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                range = item.substring(0, slash);
                step = parseNumber(item.substring(slash + 1), field);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = 0;
                to = 6;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = day(ends[0], field);
                to = day(ends[1], field);
            } else {
                from = day(range, field);
                to = slash >= 0 ? 6 : from;
            }
            if (step < 1 || to < from) {
                throw new InvalidInputException("day-of-week '" + field + "' is not a valid range");
            }
            for (int d = from; d <= to; d += step) {
                days.add(d % 7 + 1);
            }
        }
        return String.join(",", days.stream().map(String::valueOf).toList());
    }

    private static int day(String token, String field) {
        int index = DAY_NAMES.indexOf(token.toUpperCase(Locale.ROOT));
        if (index >= 0) {
            return index;
        }
        int n = parseNumber(token, field);
        if (n < 0 || n > 7) {
            throw new InvalidInputException("day-of-week '" + field + "': " + token + " is outside 0-7");
        }
        return n;
    }

    private static int parseNumber(String token, String field) {
        try {
            return Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("day-of-week '" + field + "': '" + token + "' is not a day");
        }
    }

    private static void validate(String quartz) {
        try {
            CronExpression.validateExpression(quartz);
        } catch (java.text.ParseException e) {
            throw new InvalidInputException("schedule: '" + quartz + "' is not a valid cron expression: "
                    + e.getMessage());
        }
    }
}
