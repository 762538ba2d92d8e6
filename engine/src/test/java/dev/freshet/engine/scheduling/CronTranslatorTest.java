package dev.freshet.engine.scheduling;

import dev.freshet.engine.workflow.Schedule;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Unix cron to Quartz: seconds added, day-of-week renumbered (Unix Sunday 0/7 is Quartz 1), DOM-or-DOW split. */
class CronTranslatorTest {
    @Test
    void aPlainCronGetsSecondsAndAQuestionMark() {
        assertThat(CronTranslator.toQuartz(Schedule.of("*/15 1-5 * * *"))).containsExactly("0 */15 1-5 * * ?");
    }

    @Test
    void daysOfWeekBecomeExplicitQuartzNumbers() {
        assertThat(CronTranslator.toQuartz(Schedule.of("0 9 * * MON-FRI"))).containsExactly("0 0 9 ? * 2,3,4,5,6");
        assertThat(CronTranslator.toQuartz(Schedule.of("0 9 * * 0,7"))).containsExactly("0 0 9 ? * 1");
        assertThat(CronTranslator.toQuartz(Schedule.of("0 9 * * */2"))).containsExactly("0 0 9 ? * 1,3,5,7");
        assertThat(CronTranslator.toQuartz(Schedule.of("0 9 * * SAT-SUN"))).containsExactly("0 0 9 ? * 1,7");
    }

    @Test
    void bothDaysRestrictedBecomeOneExpressionEach() {
        assertThat(CronTranslator.toQuartz(Schedule.of("0 0 13 * FRI"))).containsExactly("0 0 0 13 * ?", "0 0 0 ? * 6");
    }

    @Test
    void aDayFieldThatMatchesEverythingIsNotARestriction() {
        assertThat(CronTranslator.toQuartz(Schedule.of("0 0 * * 0-6"))).containsExactly("0 0 0 * * ?");
        assertThat(CronTranslator.toQuartz(Schedule.of("0 0 */1 * MON"))).containsExactly("0 0 0 ? * 2");
    }

    @Test
    void nthWeekdaysGetAnExpressionEach() {
        assertThat(CronTranslator.toQuartz(Schedule.of("0 0 * * MON#1,FRI#3")))
                .containsExactly("0 0 0 ? * 2#1", "0 0 0 ? * 6#3");
    }

    @Test
    void presetsAndQuartzExpressions() {
        assertThat(CronTranslator.toQuartz(Schedule.of("@weekly"))).containsExactly("0 0 0 ? * 1");
        assertThat(CronTranslator.toQuartz(Schedule.of("@monthly"))).containsExactly("0 0 0 1 * ?");
        assertThat(CronTranslator.toQuartz(Schedule.of("0 30 2 ? * MON-FRI"))).containsExactly("0 30 2 ? * MON-FRI");
    }
}
