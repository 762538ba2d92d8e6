package dev.freshet.engine.workflow;

import dev.freshet.engine.error.InvalidInputException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * When a workflow runs by itself: a Unix 5-field cron ({@code 0 0 * * *}), a Quartz 6/7-field cron with seconds
 * ({@code 0 0 0 * * ?}) or a preset ({@code @daily}). Only the shape is checked here; turning it into triggers is
 * the scheduler's job.
 */
public record Schedule(String expression) {
    public enum Kind {
        PRESET,
        UNIX_CRON,
        QUARTZ_CRON
    }

    public static final List<String> PRESETS = List.of("@once", "@hourly", "@daily", "@weekly", "@monthly", "@yearly");

    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*?/,#-]+");

    public Schedule {
        if (expression == null || expression.isBlank()) {
            throw new InvalidInputException(
                    "schedule must not be blank; leave it out for a workflow that only runs when triggered");
        }
        expression = expression.strip();
        if (expression.startsWith("@")) {
            if (!PRESETS.contains(expression)) {
                throw new InvalidInputException(
                        "unknown schedule preset '" + expression + "'" + Spelling.hint(expression, PRESETS, "presets"));
            }
        } else {
            String[] fields = expression.split("\\s+");
            if (fields.length < 5 || fields.length > 7) {
                throw new InvalidInputException("schedule '" + expression + "' has " + fields.length + " field"
                        + (fields.length == 1 ? "" : "s") + "; expected a Unix cron (5 fields: minute hour day-of-month"
                        + " month day-of-week), a Quartz cron (6 or 7 fields, starting with seconds) or one of "
                        + String.join(", ", PRESETS));
            }
            for (String field : fields) {
                if (!CRON_FIELD.matcher(field).matches()) {
                    throw new InvalidInputException(
                            "schedule '" + expression + "' has an invalid field '" + field + "'");
                }
            }
        }
    }

    public static Schedule of(String expression) {
        return new Schedule(expression);
    }

    public Kind kind() {
        if (expression.startsWith("@")) {
            return Kind.PRESET;
        }
        return fields().size() == 5 ? Kind.UNIX_CRON : Kind.QUARTZ_CRON;
    }

    /** The cron fields split on whitespace (a single element for a preset). */
    public List<String> fields() {
        return List.of(expression.split("\\s+"));
    }

    public boolean isOnce() {
        return expression.equals("@once");
    }

    @Override
    public String toString() {
        return expression;
    }
}
