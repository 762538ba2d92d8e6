package dev.freshet.cli;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.scheduling.DateTimes;
import dev.freshet.engine.scheduling.Timetable;
import dev.freshet.engine.workflow.Schedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code freshet schedule next "EXPR" [--tz ZONE] [--from ISO_INSTANT] [--count N]}: when will it run? */
@Command(
        name = "schedule",
        mixinStandardHelpOptions = true,
        description = "Work out when schedules fire.",
        subcommands = {ScheduleCommand.Next.class})
final class ScheduleCommand extends UsageCommand {

    @Command(
            name = "next",
            mixinStandardHelpOptions = true,
            description = "Print the next fire times of a schedule as ISO-8601 instants, one per line. A scheduled run"
                    + " starts at a fire time and covers the interval since the fire before it.")
    static final class Next implements Callable<Integer> {
        static final int MAX_COUNT = 10_000;

        @Parameters(
                index = "0",
                paramLabel = "EXPRESSION",
                description = "Unix cron (5 fields), Quartz cron (6 or 7 fields, with seconds) or @hourly, @daily,"
                        + " @weekly, @monthly, @yearly")
        String expression;

        @Option(
                names = "--tz",
                defaultValue = "UTC",
                paramLabel = "ZONE",
                description = "Time zone the schedule runs in, e.g. Europe/Berlin (default UTC)")
        String zone;

        @Option(
                names = "--from",
                paramLabel = "ISO_INSTANT",
                description = "Fire times strictly after this instant, e.g. 2026-03-28T00:00:00Z (default: now)")
        String from;

        @Option(names = "--count", defaultValue = "5", paramLabel = "N", description = "How many (default 5)")
        int count;

        Clock clock = Clock.systemUTC();

        @Override
        public Integer call() {
            if (count < 1 || count > MAX_COUNT) {
                throw new InvalidInputException("--count: expected 1 to " + MAX_COUNT + ", got " + count);
            }
            ZoneId timeZone = DateTimes.zone(zone, "--tz");
            Instant after = from == null ? clock.instant() : DateTimes.parse(from, timeZone, "--from");
            Timetable timetable = Timetable.of(Schedule.of(expression), timeZone);
            List<Instant> fires = timetable.nextFireTimes(after, count);
            if (fires.isEmpty()) {
                throw new InvalidInputException("schedule '" + expression + "' never fires after " + after);
            }
            fires.forEach(System.out::println);
            return 0;
        }
    }
}
