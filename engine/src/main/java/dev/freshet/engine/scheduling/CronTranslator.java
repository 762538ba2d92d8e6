package dev.freshet.engine.scheduling;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.workflow.Schedule;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a workflow's schedule into Quartz cron expressions (with seconds). A Unix cron whose day-of-month and
 * day-of-week are both restricted fires when either matches (Vixie cron, croniter, Airflow); Quartz cannot say "or"
 * in one expression, so that case becomes one expression per field, and a {@link Timetable} fires on their union.
 * A field is restricted unless it matches every value of its range, as croniter decides: {@code *}, {@code *}{@code /1}
 * and {@code 1-31} are unrestricted, {@code *}{@code /2} is restricted (Vixie cron would call it unrestricted because it
 * starts with a star; Freshet follows Airflow).
 */
public final class CronTranslator {
    static final Map<String, String> PRESETS = Map.of(
            "@hourly", "0 * * * *",
            "@daily", "0 0 * * *",
            "@weekly", "0 0 * * 0",
            "@monthly", "0 0 1 * *",
            "@yearly", "0 0 1 1 *");

    private CronTranslator() {}

    /** The Quartz expressions whose union is the schedule; each is valid for {@link CronExpression}. */
    public static List<String> toQuartz(Schedule schedule) {
        String expression = schedule.expression();
        switch (schedule.kind()) {
            case PRESET -> {
                String unix = PRESETS.get(expression);
                if (unix == null) {
                    throw new InvalidInputException("schedule '" + expression + "' does not repeat, so it has no fire "
                            + "times; use one of "
                            + String.join(
                                    ", ", PRESETS.keySet().stream().sorted().toList())
                            + " or a cron expression");
                }
                return fromUnix(unix, expression);
            }
            case QUARTZ_CRON -> {
                validate(expression, expression);
                return List.of(expression);
            }
            default -> {
                return fromUnix(expression, expression);
            }
        }
    }

    /** The hour field of a Quartz expression made by {@link #toQuartz}. */
    static String hourField(String quartzExpression) {
        return quartzExpression.split("\\s+")[2];
    }

    private static List<String> fromUnix(String unix, String original) {
        String[] f = unix.split("\\s+");
        String minute = f[0];
        String hour = f[1];
        String dom = f[2];
        String month = f[3];
        String dow = f[4];
        boolean domRestricted = isRestricted(CronField.DAY_OF_MONTH, dom, original);
        boolean dowRestricted = isRestricted(CronField.DAY_OF_WEEK, dow, original);
        String prefix = "0 " + minute + " " + hour + " ";
        List<String> result = new ArrayList<>();
        if (!domRestricted && !dowRestricted) {
            result.add(prefix + "* " + month + " ?");
        }
        if (domRestricted) {
            result.add(prefix + dom + " " + month + " ?");
        }
        if (dowRestricted) {
            for (String days : quartzDays(dow, original)) {
                result.add(prefix + "? " + month + " " + days);
            }
        }
        for (String quartz : result) {
            validate(quartz, original);
        }
        return List.copyOf(result);
    }

    private static boolean isRestricted(CronField field, String value, String expression) {
        if (value.equals("*") || value.equals("?")) {
            return false;
        }
        return !field.isExpandable(value) || !field.coversAll(value, expression);
    }

    /**
     * A Unix day-of-week field (0-7, Sunday 0 or 7, names, ranges, steps, lists, {@code D#N}) as Quartz day-of-week
     * fields (1-7, Sunday 1): one explicit list for the plain days, and one field per {@code D#N} item, since Quartz
     * takes a single {@code #} item per expression.
     */
    private static List<String> quartzDays(String field, String expression) {
        List<String> plain = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        for (String item : field.split(",", -1)) {
            int hash = item.indexOf('#');
            if (hash < 0) {
                plain.add(item);
                continue;
            }
            BitSet day = CronField.DAY_OF_WEEK.expand(item.substring(0, hash), expression);
            int nth = nth(item.substring(hash + 1), field, expression);
            if (day.cardinality() != 1) {
                throw new InvalidInputException("schedule '" + expression + "': day-of-week '" + field + "': '" + item
                        + "' must name one day before the #");
            }
            fields.add(quartzDay(day.nextSetBit(0)) + "#" + nth);
        }
        if (!plain.isEmpty()) {
            String days = String.join(",", plain);
            if (!CronField.DAY_OF_WEEK.isExpandable(days)) {
                throw new InvalidInputException("schedule '" + expression + "': day-of-week '" + field + "' may use "
                        + "names, numbers 0-7 (0 and 7 are Sunday), ranges, steps, lists and D#N (the Nth day D of "
                        + "the month), not L or W");
            }
            BitSet set = CronField.DAY_OF_WEEK.expand(days, expression);
            fields.add(
                    0,
                    set.stream()
                            .mapToObj(CronTranslator::quartzDay)
                            .map(String::valueOf)
                            .collect(Collectors.joining(",")));
        }
        return fields;
    }

    private static int quartzDay(int unixDay) {
        return unixDay % 7 + 1;
    }

    private static int nth(String token, String field, String expression) {
        try {
            int n = Integer.parseInt(token);
            if (n >= 1 && n <= 5) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException(
                "schedule '" + expression + "': day-of-week '" + field + "': '#" + token + "' must be #1 to #5");
    }

    private static void validate(String quartz, String original) {
        try {
            CronExpression.validateExpression(quartz);
        } catch (ParseException e) {
            String as = quartz.equals(original) ? "" : " (as Quartz cron '" + quartz + "')";
            throw new InvalidInputException(
                    "schedule '" + original + "' is not a valid cron expression" + as + ": " + e.getMessage());
        }
    }
}
