package dev.freshet.web.ui;

import com.cronutils.descriptor.CronDescriptor;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import dev.freshet.engine.workflow.Schedule;

import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A schedule in words: "every day at 00:00 (UTC)", "every 15 minutes (UTC)", "manual only". */
final class ScheduleWords {
    private static final CronParser UNIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser QUARTZ =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));
    private static final CronDescriptor DESCRIBE = CronDescriptor.instance(Locale.UK);
    private static final Map<String, String> PRESETS = Map.of(
            "@once", "once",
            "@hourly", "every hour",
            "@daily", "every day at 00:00",
            "@weekly", "every Sunday at 00:00",
            "@monthly", "on the 1st of every month at 00:00",
            "@yearly", "every 1 January at 00:00");

    private ScheduleWords() {}

    static String of(Schedule schedule, ZoneId zone) {
        if (schedule == null) {
            return "manual only";
        }
        return describe(schedule) + (schedule.isOnce() ? "" : " (" + zone.getId() + ")");
    }

    private static String describe(Schedule schedule) {
        if (schedule.kind() == Schedule.Kind.PRESET) {
            return PRESETS.getOrDefault(schedule.expression(), schedule.expression());
        }
        try {
            boolean unix = schedule.kind() == Schedule.Kind.UNIX_CRON;
            String words = DESCRIBE.describe((unix ? UNIX : QUARTZ).parse(schedule.expression()));
            List<String> fields = schedule.fields();
            // cron-utils says "at 00:00" for a daily cron; people say "every day at 00:00"
            List<String> dayFields = unix ? fields.subList(2, 5) : fields.subList(3, 6);
            boolean everyDay = dayFields.stream().allMatch(f -> f.equals("*") || f.equals("?"));
            return everyDay && words.startsWith("at ") ? "every day " + words : words;
        } catch (RuntimeException unparsable) {
            return schedule.expression();
        }
    }
}
