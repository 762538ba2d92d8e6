package dev.freshet.engine.scheduling;

import dev.freshet.engine.error.FreshetException;
import dev.freshet.engine.workflow.Schedule;
import org.quartz.CronExpression;

import java.text.ParseException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;

/**
 * A schedule matched against wall-clock time with no zone at all, as croniter does: Quartz evaluates the expressions
 * in UTC, where no day has a gap or a repeated hour, and {@link Timetable} maps the result onto a real zone.
 */
final class WallClockCron {
    private static final TimeZone NO_DST = TimeZone.getTimeZone("UTC");

    private final List<CronExpression> expressions;
    private final boolean everyHour;

    private WallClockCron(List<CronExpression> expressions, boolean everyHour) {
        this.expressions = expressions;
        this.everyHour = everyHour;
    }

    static WallClockCron of(Schedule schedule) {
        List<String> quartz = CronTranslator.toQuartz(schedule);
        List<CronExpression> parsed = new ArrayList<>();
        for (String expression : quartz) {
            try {
                CronExpression cron = new CronExpression(expression);
                cron.setTimeZone(NO_DST);
                parsed.add(cron);
            } catch (ParseException e) {
                throw new FreshetException("translated cron '" + expression + "' does not parse: " + e.getMessage(), e);
            }
        }
        String hour = CronTranslator.hourField(quartz.get(0));
        boolean everyHour = CronField.HOUR.isExpandable(hour) && CronField.HOUR.coversAll(hour, schedule.expression());
        return new WallClockCron(List.copyOf(parsed), everyHour);
    }

    /** Whether the schedule fires in every hour of the day (its hour field matches 0-23). */
    boolean everyHour() {
        return everyHour;
    }

    /** The first matching wall-clock time strictly after {@code after} (whole seconds), or null if there is none. */
    LocalDateTime nextAfter(LocalDateTime after) {
        Date from = Date.from(after.toInstant(ZoneOffset.UTC));
        Date best = null;
        for (CronExpression cron : expressions) {
            Date next = cron.getTimeAfter(from);
            if (next != null && (best == null || next.before(best))) {
                best = next;
            }
        }
        return best == null ? null : LocalDateTime.ofInstant(best.toInstant(), ZoneOffset.UTC);
    }
}
