package dev.freshet.cli;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.freshet.cli.CommandOutput.freshet;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code freshet schedule next}: exact instants for the hard cases, written by hand from Airflow's cron semantics
 * (croniter on wall-clock time, pendulum for the zone, day-of-month OR day-of-week). Europe/Berlin leaves +01:00 for
 * +02:00 at 01:00Z on 2026-03-29 and comes back at 01:00Z on 2026-10-25.
 */
class ScheduleCommandTest {
    @Test
    void springForwardMovesTheSkippedTimeAnHourLater() {
        CommandOutput result = freshet(
                "schedule",
                "next",
                "30 2 * * *",
                "--tz",
                "Europe/Berlin",
                "--from",
                "2026-03-27T00:00:00Z",
                "--count",
                "4");

        assertThat(result.exitCode()).isZero();
        assertThat(result.lines())
                .containsExactly(
                        "2026-03-27T01:30:00Z", // 02:30 CET
                        "2026-03-28T01:30:00Z", // 02:30 CET
                        "2026-03-29T01:30:00Z", // 02:30 does not exist: 03:30 CEST
                        "2026-03-30T00:30:00Z"); // 02:30 CEST
    }

    @Test
    void fallBackFiresADailyTimeOnceAndAnHourlyOneTwice() {
        assertThat(freshet(
                                "schedule",
                                "next",
                                "30 2 * * *",
                                "--tz",
                                "Europe/Berlin",
                                "--from",
                                "2026-10-24T12:00:00Z",
                                "--count",
                                "2")
                        .lines())
                .containsExactly("2026-10-25T01:30:00Z", "2026-10-26T01:30:00Z"); // the second 02:30, in CET
        assertThat(freshet(
                                "schedule",
                                "next",
                                "30 * * * *",
                                "--tz",
                                "Europe/Berlin",
                                "--from",
                                "2026-10-24T23:00:00Z",
                                "--count",
                                "3")
                        .lines())
                .containsExactly("2026-10-24T23:30:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z");
        // 01:30 CEST, 02:30 CEST, 02:30 CET
    }

    @Test
    void aLeapDayScheduleSkipsToLeapYears() {
        assertThat(freshet("schedule", "next", "0 0 29 2 *", "--from", "2026-01-01T00:00:00Z", "--count", "3")
                        .lines())
                .containsExactly("2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z", "2036-02-29T00:00:00Z");
    }

    @Test
    void dayOfMonthOrDayOfWeek() {
        // Every 13th and every Friday: April 2026 has Fridays 3, 10, 17, 24 and a Monday 13th.
        assertThat(freshet("schedule", "next", "0 0 13 * FRI", "--from", "2026-04-01T00:00:00Z", "--count", "5")
                        .lines())
                .containsExactly(
                        "2026-04-03T00:00:00Z",
                        "2026-04-10T00:00:00Z",
                        "2026-04-13T00:00:00Z",
                        "2026-04-17T00:00:00Z",
                        "2026-04-24T00:00:00Z");
    }

    @Test
    void rangesStepsAndNames() {
        // 2026-01-02 is a Friday; the next weekday is Monday the 5th.
        assertThat(freshet(
                                "schedule",
                                "next",
                                "*/15 9-17 * JAN-MAR MON-FRI",
                                "--from",
                                "2026-01-02T17:10:00Z",
                                "--count",
                                "4")
                        .lines())
                .containsExactly(
                        "2026-01-02T17:15:00Z", "2026-01-02T17:30:00Z", "2026-01-02T17:45:00Z", "2026-01-05T09:00:00Z");
        assertThat(freshet("schedule", "next", "0 0 1-30/7 * *", "--from", "2026-02-20T00:00:00Z", "--count", "3")
                        .lines())
                .containsExactly("2026-02-22T00:00:00Z", "2026-03-01T00:00:00Z", "2026-03-08T00:00:00Z");
    }

    @Test
    void sundayIsBothZeroAndSeven() {
        List<String> zero = freshet("schedule", "next", "0 12 * * 0", "--from", "2026-11-26T00:00:00Z")
                .lines();
        assertThat(zero).hasSize(5).startsWith("2026-11-29T12:00:00Z", "2026-12-06T12:00:00Z");
        assertThat(freshet("schedule", "next", "0 12 * * 7", "--from", "2026-11-26T00:00:00Z")
                        .lines())
                .isEqualTo(zero);
    }

    @Test
    void presetsAndQuartzExpressions() {
        assertThat(freshet(
                                "schedule",
                                "next",
                                "@daily",
                                "--tz",
                                "Europe/Berlin",
                                "--from",
                                "2026-11-26T10:00:00Z",
                                "--count",
                                "2")
                        .lines())
                .containsExactly("2026-11-26T23:00:00Z", "2026-11-27T23:00:00Z");
        assertThat(freshet(
                                "schedule",
                                "next",
                                "0 30 2 * * ?",
                                "--tz",
                                "Europe/Berlin",
                                "--from",
                                "2026-03-28T12:00:00Z",
                                "--count",
                                "2")
                        .lines())
                .containsExactly("2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z");
    }

    @Test
    void withoutFromItStartsNow() {
        Instant before = Instant.now();
        List<Instant> fires = freshet("schedule", "next", "* * * * *").lines().stream()
                .map(Instant::parse)
                .toList();

        assertThat(fires).hasSize(5).isSorted().allMatch(fire -> fire.isAfter(before));
        assertThat(fires.get(0)).isBefore(before.plusSeconds(61));
    }

    @Test
    void mistakesNameTheOptionOrFieldAndExitOne() {
        CommandOutput zone = freshet("schedule", "next", "@daily", "--tz", "Mars/Olympus");
        assertThat(zone.exitCode()).isEqualTo(1);
        assertThat(zone.err()).contains("--tz: unknown time zone 'Mars/Olympus'");

        CommandOutput field = freshet("schedule", "next", "0 0 * * MON-FOO");
        assertThat(field.exitCode()).isEqualTo(1);
        assertThat(field.err()).contains("day-of-week 'MON-FOO'");
        assertThat(field.out()).isEmpty();

        assertThat(freshet("schedule", "next", "0 0 30 2 *").err()).contains("never fires");
        assertThat(freshet("schedule", "next", "@daily", "--count", "0").err()).contains("--count");
        assertThat(freshet("schedule", "next", "@daily", "--from", "yesterday").err())
                .contains("--from")
                .contains("'yesterday'");
        assertThat(freshet("schedule", "next", "0 0 * *").err()).contains("has 4 fields");
    }
}
