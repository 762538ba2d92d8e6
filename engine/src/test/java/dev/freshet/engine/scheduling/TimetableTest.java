package dev.freshet.engine.scheduling;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.workflow.Schedule;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fire times on the hard cases, against lists written by hand from Airflow's cron semantics (croniter on wall-clock
 * time, pendulum for the zone, DOM-or-DOW as in Vixie cron). Calendar facts used: 2026-01-01 is a Thursday;
 * 2026-04-01 a Wednesday; 2026-11-26 a Thursday. Europe/Berlin moves from +01:00 to +02:00 at 01:00Z on 2026-03-29
 * (02:00 local becomes 03:00) and back at 01:00Z on 2026-10-25 (03:00 local becomes 02:00); America/New_York moves at
 * 07:00Z on 2026-03-08 (02:00 EST becomes 03:00 EDT) and at 06:00Z on 2026-11-01 (02:00 EDT becomes 01:00 EST).
 */
class TimetableTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Nested
    class DaylightSavingTime {
        @Test
        void aDailyTimeThatSpringSkipsFiresAnHourLaterThatDayOnly() {
            // 02:30 does not exist in Berlin on 2026-03-29; pendulum moves it forward by the gap: 03:30 CEST = 01:30Z.
            // Quartz's cron trigger would skip that day altogether.
            assertThat(fires("30 2 * * *", BERLIN, "2026-03-27T00:00:00Z", 4))
                    .containsExactly(
                            "2026-03-27T01:30:00Z", // 02:30 CET
                            "2026-03-28T01:30:00Z", // 02:30 CET
                            "2026-03-29T01:30:00Z", // 03:30 CEST, the skipped 02:30 moved forward
                            "2026-03-30T00:30:00Z"); // 02:30 CEST
        }

        @Test
        void aDailyTimeThatAutumnRepeatsFiresOnceAtItsSecondOccurrence() {
            // 02:30 happens twice in Berlin on 2026-10-25 (00:30Z in CEST, 01:30Z in CET); Airflow sets fold=1: the
            // second.
            assertThat(fires("30 2 * * *", BERLIN, "2026-10-23T00:00:00Z", 4))
                    .containsExactly(
                            "2026-10-23T00:30:00Z",
                            "2026-10-24T00:30:00Z",
                            "2026-10-25T01:30:00Z",
                            "2026-10-26T01:30:00Z");
        }

        @Test
        void anHourlyScheduleFiresInBothOccurrencesOfTheRepeatedHour() {
            // A schedule that covers every hour keeps firing once an absolute hour (Airflow's "fold hour" rule).
            assertThat(fires("30 * * * *", BERLIN, "2026-10-24T22:00:00Z", 6))
                    .containsExactly(
                            "2026-10-24T22:30:00Z", // 00:30 CEST
                            "2026-10-24T23:30:00Z", // 01:30 CEST
                            "2026-10-25T00:30:00Z", // 02:30 CEST
                            "2026-10-25T01:30:00Z", // 02:30 CET, the repeated hour
                            "2026-10-25T02:30:00Z", // 03:30 CET
                            "2026-10-25T03:30:00Z");
        }

        @Test
        void anHourlyScheduleHasNoFireInTheSkippedHour() {
            assertThat(fires("30 * * * *", BERLIN, "2026-03-28T23:00:00Z", 4))
                    .containsExactly(
                            "2026-03-28T23:30:00Z", // 00:30 CET
                            "2026-03-29T00:30:00Z", // 01:30 CET
                            "2026-03-29T01:30:00Z", // 03:30 CEST: 02:30 does not exist, and its move lands on 03:30
                            "2026-03-29T02:30:00Z");
        }

        @Test
        void aFrequentScheduleRunsStraightThroughTheSpringGap() {
            assertThat(fires("*/15 * * * *", BERLIN, "2026-03-29T00:40:00Z", 4))
                    .containsExactly(
                            "2026-03-29T00:45:00Z", // 01:45 CET
                            "2026-03-29T01:00:00Z", // 03:00 CEST
                            "2026-03-29T01:15:00Z",
                            "2026-03-29T01:30:00Z");
        }

        @Test
        void aScheduleAtTheStartOfTheSkippedHourInNewYork() {
            assertThat(fires("0 2 * * *", NEW_YORK, "2026-03-07T00:00:00Z", 3))
                    .containsExactly(
                            "2026-03-07T07:00:00Z", // 02:00 EST
                            "2026-03-08T07:00:00Z", // 03:00 EDT: 02:00 EST never happens, moved forward an hour
                            "2026-03-09T06:00:00Z"); // 02:00 EDT
        }

        @Test
        void aScheduleInTheRepeatedHourInNewYork() {
            assertThat(fires("15 1 * * *", NEW_YORK, "2026-10-31T00:00:00Z", 3))
                    .containsExactly(
                            "2026-10-31T05:15:00Z", // 01:15 EDT
                            "2026-11-01T06:15:00Z", // 01:15 EST, the second 01:15 of the day
                            "2026-11-02T06:15:00Z");
        }

        @Test
        void startingInsideTheFirstOccurrenceStillFindsTheSecond() {
            // From 02:40 CEST (00:40Z), the next 02:30 is the second occurrence, 02:30 CET.
            assertThat(fires("30 2 * * *", BERLIN, "2026-10-25T00:40:00Z", 1)).containsExactly("2026-10-25T01:30:00Z");
        }

        @Test
        void aQuartzExpressionFollowsTheSameRules() {
            assertThat(fires("0 30 2 * * ?", BERLIN, "2026-03-28T12:00:00Z", 2))
                    .containsExactly("2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z");
        }

        @Test
        void previousFireTimesAgreeWithNextOnesAcrossBothChanges() {
            Timetable hourly = Timetable.of(Schedule.of("30 * * * *"), BERLIN);
            List<Instant> forward = hourly.nextFireTimes(Instant.parse("2026-10-24T20:00:00Z"), 10);
            assertThat(hourly.previousFireTime(forward.get(9)).orElseThrow()).isEqualTo(forward.get(8));
            for (int i = 1; i < forward.size(); i++) {
                assertThat(hourly.previousFireTime(forward.get(i))).contains(forward.get(i - 1));
            }
            Timetable daily = Timetable.of(Schedule.of("30 2 * * *"), BERLIN);
            assertThat(daily.previousFireTime(Instant.parse("2026-03-30T00:30:00Z")))
                    .contains(Instant.parse("2026-03-29T01:30:00Z"));
            assertThat(daily.previousFireTime(Instant.parse("2026-03-29T01:30:00Z")))
                    .contains(Instant.parse("2026-03-28T01:30:00Z"));
            assertThat(daily.previousFireTime(Instant.parse("2026-10-26T01:30:00Z")))
                    .contains(Instant.parse("2026-10-25T01:30:00Z"));
        }
    }

    @Nested
    class CronForms {
        @Test
        void aLeapDayFiresOnlyInLeapYears() {
            assertThat(fires("0 0 29 2 *", UTC, "2026-01-01T00:00:00Z", 3))
                    .containsExactly("2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z", "2036-02-29T00:00:00Z");
        }

        @Test
        void dayOfMonthOrDayOfWeekWhenBothAreSet() {
            // Every 13th AND every Friday. April 2026: Fridays 3, 10, 17, 24; the 13th is a Monday. May 1 and 8 are
            // Fridays, May 13 a Wednesday.
            assertThat(fires("0 0 13 * FRI", UTC, "2026-04-01T00:00:00Z", 8))
                    .containsExactly(
                            "2026-04-03T00:00:00Z",
                            "2026-04-10T00:00:00Z",
                            "2026-04-13T00:00:00Z",
                            "2026-04-17T00:00:00Z",
                            "2026-04-24T00:00:00Z",
                            "2026-05-01T00:00:00Z",
                            "2026-05-08T00:00:00Z",
                            "2026-05-13T00:00:00Z");
        }

        @Test
        void aFridayTheThirteenthFiresOnce() {
            // 2026-02-13 and 2026-03-13 are Fridays: both halves match, one fire each.
            assertThat(fires("0 0 13 * 5", UTC, "2026-02-12T00:00:00Z", 3))
                    .containsExactly("2026-02-13T00:00:00Z", "2026-02-20T00:00:00Z", "2026-02-27T00:00:00Z");
        }

        @Test
        void aStarStepInDayOfMonthCountsAsRestrictedAsInCroniter() {
            // croniter expands */10 to 1,11,21,31, which is not every day, so it is OR-ed with Monday.
            // January 2026: Mondays 5, 12, 19, 26.
            assertThat(fires("0 0 */10 * MON", UTC, "2026-01-01T00:00:00Z", 6))
                    .containsExactly(
                            "2026-01-05T00:00:00Z",
                            "2026-01-11T00:00:00Z",
                            "2026-01-12T00:00:00Z",
                            "2026-01-19T00:00:00Z",
                            "2026-01-21T00:00:00Z",
                            "2026-01-26T00:00:00Z");
        }

        @Test
        void aFullDayOfMonthRangeLeavesOnlyTheDayOfWeek() {
            assertThat(fires("0 0 1-31 * MON", UTC, "2026-01-01T00:00:00Z", 2))
                    .containsExactly("2026-01-05T00:00:00Z", "2026-01-12T00:00:00Z");
        }

        @Test
        void weekdayNamesAndRanges() {
            // From Thursday 2026-11-26 20:00Z: Friday, then Monday and Tuesday.
            assertThat(fires("0 9 * * MON-FRI", UTC, "2026-11-26T20:00:00Z", 3))
                    .containsExactly("2026-11-27T09:00:00Z", "2026-11-30T09:00:00Z", "2026-12-01T09:00:00Z");
            assertThat(fires("0 9 * * mon-fri", UTC, "2026-11-26T20:00:00Z", 3))
                    .isEqualTo(fires("0 9 * * 1-5", UTC, "2026-11-26T20:00:00Z", 3));
        }

        @ParameterizedTest
        @ValueSource(strings = {"0", "7", "SUN", "sun", "0,7"})
        void sundayIsZeroAndSeven(String sunday) {
            assertThat(fires("0 12 * * " + sunday, UTC, "2026-11-26T00:00:00Z", 2))
                    .containsExactly("2026-11-29T12:00:00Z", "2026-12-06T12:00:00Z");
        }

        @Test
        void aWeekdayRangeMayEndOnSundayWrittenAsZero() {
            // FRI-SUN: Friday 27, Saturday 28, Sunday 29 November 2026.
            assertThat(fires("0 0 * * FRI-SUN", UTC, "2026-11-26T00:00:00Z", 4))
                    .containsExactly(
                            "2026-11-27T00:00:00Z",
                            "2026-11-28T00:00:00Z",
                            "2026-11-29T00:00:00Z",
                            "2026-12-04T00:00:00Z");
            assertThat(fires("0 0 * * 5-0", UTC, "2026-11-26T00:00:00Z", 4))
                    .isEqualTo(fires("0 0 * * FRI-SUN", UTC, "2026-11-26T00:00:00Z", 4));
        }

        @Test
        void stepsInMinutes() {
            assertThat(fires("*/15 * * * *", UTC, "2026-01-01T00:05:00Z", 4))
                    .containsExactly(
                            "2026-01-01T00:15:00Z",
                            "2026-01-01T00:30:00Z",
                            "2026-01-01T00:45:00Z",
                            "2026-01-01T01:00:00Z");
        }

        @Test
        void aRangeWithAStep() {
            // Days 1, 8, 15, 22, 29 of each month; strictly after 2026-01-01T00:00Z.
            assertThat(fires("0 0 1-30/7 * *", UTC, "2026-01-01T00:00:00Z", 5))
                    .containsExactly(
                            "2026-01-08T00:00:00Z",
                            "2026-01-15T00:00:00Z",
                            "2026-01-22T00:00:00Z",
                            "2026-01-29T00:00:00Z",
                            "2026-02-01T00:00:00Z");
        }

        @Test
        void monthNames() {
            assertThat(fires("0 0 1 JAN,JUL *", UTC, "2026-01-01T00:00:00Z", 2))
                    .containsExactly("2026-07-01T00:00:00Z", "2027-01-01T00:00:00Z");
            assertThat(fires("0 0 1 jan-mar *", UTC, "2026-01-01T00:00:00Z", 3))
                    .containsExactly("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", "2027-01-01T00:00:00Z");
        }

        @Test
        void theNthWeekdayOfTheMonth() {
            // The second Friday: 2026-12-11 and 2027-01-08.
            assertThat(fires("0 0 * * FRI#2", UTC, "2026-11-26T00:00:00Z", 2))
                    .containsExactly("2026-12-11T00:00:00Z", "2027-01-08T00:00:00Z");
        }

        @Test
        void presets() {
            String from = "2026-11-26T10:00:00Z";
            assertThat(fires("@hourly", UTC, from, 1)).containsExactly("2026-11-26T11:00:00Z");
            assertThat(fires("@daily", UTC, from, 1)).containsExactly("2026-11-27T00:00:00Z");
            assertThat(fires("@weekly", UTC, from, 1)).containsExactly("2026-11-29T00:00:00Z"); // Sunday
            assertThat(fires("@monthly", UTC, from, 1)).containsExactly("2026-12-01T00:00:00Z");
            assertThat(fires("@yearly", UTC, from, 1)).containsExactly("2027-01-01T00:00:00Z");
            assertThat(fires("@daily", BERLIN, from, 1)).containsExactly("2026-11-26T23:00:00Z");
        }

        @Test
        void aQuartzExpressionWithSecondsAndYears() {
            assertThat(fires("30 0 12 1 1 ? 2027-2028", UTC, "2026-11-26T00:00:00Z", 5))
                    .containsExactly("2027-01-01T12:00:30Z", "2028-01-01T12:00:30Z");
        }

        @Test
        void strictlyAfterTheGivenInstant() {
            assertThat(fires("@daily", UTC, "2026-11-27T00:00:00Z", 1)).containsExactly("2026-11-28T00:00:00Z");
            assertThat(fires("@daily", UTC, "2026-11-26T23:59:59.500Z", 1)).containsExactly("2026-11-27T00:00:00Z");
        }

        @Test
        void badExpressionsNameTheFieldAndWhatIsWrong() {
            assertThatThrownBy(() -> Timetable.of(Schedule.of("0 0 * * MON-FOO"), UTC))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("day-of-week 'MON-FOO'")
                    .hasMessageContaining("'FOO'");
            assertThatThrownBy(() -> Timetable.of(Schedule.of("0 0 * * 5-2"), UTC))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("goes backwards");
            assertThatThrownBy(() -> Timetable.of(Schedule.of("0 0 32 * MON"), UTC))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("day-of-month '32'")
                    .hasMessageContaining("outside 1-31");
            assertThatThrownBy(() -> Timetable.of(Schedule.of("61 0 * * *"), UTC))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("schedule '61 0 * * *'");
            assertThatThrownBy(() -> Timetable.of(Schedule.of("0 0 * * FRI#6"), UTC))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("#1 to #5");
            assertThatThrownBy(() -> Timetable.of(Schedule.of("@once"), UTC))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("does not repeat");
        }
    }

    @Nested
    class Intervals {
        private final Timetable daily = Timetable.of(Schedule.of("@daily"), UTC);

        @Test
        void anIntervalEndsAtItsFireAndStartsAtTheFireBefore() {
            assertThat(daily.intervalEndingAt(Instant.parse("2026-01-02T00:00:00Z")))
                    .isEqualTo(interval("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z"));
            assertThat(daily.intervalStartingAt(Instant.parse("2026-01-01T00:00:00Z"))
                            .logicalDate())
                    .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
            assertThatThrownBy(() -> daily.intervalEndingAt(Instant.parse("2026-01-02T00:00:01Z")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("is not a fire time");
        }

        @Test
        void theSpringDayIsAnHourShorterAndTheAutumnDayAnHourLonger() {
            Timetable berlin = Timetable.of(Schedule.of("@daily"), BERLIN);
            DataInterval spring = berlin.intervalEndingAt(Instant.parse("2026-03-29T22:00:00Z"));
            DataInterval autumn = berlin.intervalEndingAt(Instant.parse("2026-10-25T23:00:00Z"));
            assertThat(spring.start()).isEqualTo(Instant.parse("2026-03-28T23:00:00Z"));
            assertThat(java.time.Duration.between(spring.start(), spring.end())).hasHours(23);
            assertThat(java.time.Duration.between(autumn.start(), autumn.end())).hasHours(25);
        }

        @Test
        void withCatchUpEveryMissedIntervalSinceTheLastRunIsDueOldestFirst() {
            List<DataInterval> due = daily.dueIntervals(
                    Instant.parse("2026-01-02T00:00:00Z"), Instant.parse("2026-01-05T06:00:00Z"), true);
            assertThat(due)
                    .containsExactly(
                            interval("2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"),
                            interval("2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"),
                            interval("2026-01-04T00:00:00Z", "2026-01-05T00:00:00Z"));
        }

        @Test
        void withoutCatchUpOnlyTheLatestIsDue() {
            List<DataInterval> due = daily.dueIntervals(
                    Instant.parse("2026-01-02T00:00:00Z"), Instant.parse("2026-01-05T06:00:00Z"), false);
            assertThat(due).containsExactly(interval("2026-01-04T00:00:00Z", "2026-01-05T00:00:00Z"));
        }

        @Test
        void nothingIsDueWhenTheLatestIntervalHasRun() {
            assertThat(daily.dueIntervals(
                            Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-05T06:00:00Z"), true))
                    .isEmpty();
            assertThat(daily.dueIntervals(
                            Instant.parse("2026-01-05T00:00:00Z"), Instant.parse("2026-01-05T06:00:00Z"), false))
                    .isEmpty();
        }

        @Test
        void anIntervalIsDueExactlyAtItsEnd() {
            assertThat(daily.dueIntervals(
                            Instant.parse("2026-01-04T00:00:00Z"), Instant.parse("2026-01-05T00:00:00Z"), true))
                    .containsExactly(interval("2026-01-04T00:00:00Z", "2026-01-05T00:00:00Z"));
        }

        @Test
        void withNoRunAndNoStartDateNothingIsMissed() {
            assertThat(daily.dueIntervals(null, Instant.parse("2026-01-05T06:00:00Z"), true))
                    .isEmpty();
            assertThat(daily.dueIntervals(null, Instant.parse("2026-01-05T06:00:00Z"), false))
                    .isEmpty();
            assertThat(daily.latestCompleteInterval(Instant.parse("2026-01-05T06:00:00Z")))
                    .contains(interval("2026-01-04T00:00:00Z", "2026-01-05T00:00:00Z"));
        }

        @Test
        void theStartDateIsTheFirstLogicalDateAndTheEndDateTheLast() {
            Timetable bounded = bounded("@daily", "2026-01-02T00:00:00Z", "2026-01-04T00:00:00Z");
            assertThat(bounded.dueIntervals(null, Instant.parse("2026-01-10T00:00:00Z"), true))
                    .containsExactly(
                            interval("2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"),
                            interval("2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"),
                            interval("2026-01-04T00:00:00Z", "2026-01-05T00:00:00Z"));
            assertThat(bounded.dueIntervals(null, Instant.parse("2026-01-10T00:00:00Z"), false))
                    .isEmpty();
            assertThat(bounded.dueIntervals(null, Instant.parse("2026-01-04T12:00:00Z"), false))
                    .containsExactly(interval("2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"));
        }

        @Test
        void aStartDateBetweenFiresStartsAtTheNextFire() {
            Timetable bounded = bounded("@daily", "2026-01-02T06:00:00Z", null);
            assertThat(bounded.dueIntervals(null, Instant.parse("2026-01-05T00:00:00Z"), true))
                    .containsExactly(
                            interval("2026-01-03T00:00:00Z", "2026-01-04T00:00:00Z"),
                            interval("2026-01-04T00:00:00Z", "2026-01-05T00:00:00Z"));
        }

        @Test
        void theNextRunIsDueAtTheEndOfTheFirstIntervalWithinTheBounds() {
            Timetable bounded = bounded("@daily", "2026-01-02T00:00:00Z", "2026-01-04T00:00:00Z");
            assertThat(bounded.nextRunTime(Instant.parse("2025-12-01T00:00:00Z")))
                    .contains(Instant.parse("2026-01-03T00:00:00Z"));
            assertThat(bounded.nextRunTime(Instant.parse("2026-01-04T12:00:00Z")))
                    .contains(Instant.parse("2026-01-05T00:00:00Z"));
            assertThat(bounded.nextRunTime(Instant.parse("2026-01-05T00:00:00Z")))
                    .isEmpty();
        }

        @Test
        void aBackfillCoversTheLogicalDatesInTheRange() {
            assertThat(daily.intervalsBetween(
                            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-03T00:00:00Z")))
                    .extracting(DataInterval::logicalDate)
                    .containsExactly(
                            Instant.parse("2026-01-01T00:00:00Z"),
                            Instant.parse("2026-01-02T00:00:00Z"),
                            Instant.parse("2026-01-03T00:00:00Z"));
            assertThat(daily.intervalsBetween(
                            Instant.parse("2026-01-01T06:00:00Z"), Instant.parse("2026-01-02T23:00:00Z")))
                    .containsExactly(interval("2026-01-02T00:00:00Z", "2026-01-03T00:00:00Z"));
            assertThatThrownBy(() -> daily.intervalsBetween(
                            Instant.parse("2026-01-03T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("before it starts");
        }
    }

    private static Timetable bounded(String schedule, String start, String end) {
        dev.freshet.engine.workflow.Workflow workflow = Workflows.scheduled(
                "bounded",
                schedule,
                "UTC",
                false,
                start == null ? null : Instant.parse(start),
                end == null ? null : Instant.parse(end));
        return Timetable.of(workflow);
    }

    private static DataInterval interval(String start, String end) {
        return new DataInterval(Instant.parse(start), Instant.parse(end));
    }

    static List<String> fires(String expression, ZoneId zone, String from, int count) {
        return Timetable.of(Schedule.of(expression), zone).nextFireTimes(Instant.parse(from), count).stream()
                .map(Instant::toString)
                .toList();
    }
}
