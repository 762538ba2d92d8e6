package dev.freshet.engine.scheduling;

import dev.freshet.engine.error.InvalidInputException;
import dev.freshet.engine.workflow.Schedule;
import dev.freshet.engine.workflow.Workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When a schedule fires in a time zone, and the data intervals between fires, bounded by a start and an end date.
 *
 * <p>Fire times follow Airflow (croniter on wall-clock time, then pendulum): a wall-clock time that the spring change
 * skips fires as late as the gap is long (02:30 becomes 03:30); a wall-clock time that the autumn change repeats fires
 * once, at its second occurrence, unless the schedule fires in every hour ({@code 30 * * * *}), which then fires in
 * both occurrences so that it keeps firing once an hour. Quartz's own cron trigger does neither (it drops the skipped
 * day and, for hourly schedules, the first repeated hour), which is why Freshet computes fire times here and hands
 * Quartz one fire at a time.
 *
 * <p>Fire times are whole seconds. Instances are immutable and safe to share.
 */
public final class Timetable {
    /** The most intervals one catch-up or backfill produces. */
    public static final int MAX_INTERVALS = 10_000;

    private static final Duration LONGEST_GAP = Duration.ofDays(1);
    private static final Duration SEARCH_LIMIT = Duration.ofDays(366L * 500);

    private final Schedule schedule;
    private final WallClockCron cron;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final Instant startDate;
    private final Instant endDate;

    private Timetable(Schedule schedule, ZoneId zone, Instant startDate, Instant endDate) {
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.cron = WallClockCron.of(schedule);
        this.rules = zone.getRules();
        this.startDate = startDate;
        this.endDate = endDate;
    }

    /** The schedule in a zone, with no start or end date. */
    public static Timetable of(Schedule schedule, ZoneId zone) {
        return new Timetable(schedule, zone, null, null);
    }

    /** The workflow's schedule in its time zone, bounded by its start_date and end_date. */
    public static Timetable of(Workflow workflow) {
        if (!isScheduled(workflow)) {
            throw new InvalidInputException("workflow '" + workflow.id() + "' has no repeating schedule"
                    + (workflow.schedule() == null ? "" : " ('" + workflow.schedule() + "')"));
        }
        return new Timetable(workflow.schedule(), workflow.timezone(), workflow.startDate(), workflow.endDate());
    }

    /** Whether the workflow runs by itself on a repeating schedule (not manual only, not {@code @once}). */
    public static boolean isScheduled(Workflow workflow) {
        return workflow.schedule() != null && !workflow.schedule().isOnce();
    }

    public Schedule schedule() {
        return schedule;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire time strictly after {@code after}, ignoring start and end dates. */
    public Optional<Instant> nextFireTime(Instant after) {
        return Optional.ofNullable(next(after));
    }

    /** The next {@code count} fire times strictly after {@code after}, ignoring start and end dates. */
    public List<Instant> nextFireTimes(Instant after, int count) {
        if (count < 0) {
            throw new InvalidInputException("count must not be negative, was " + count);
        }
        List<Instant> fires = new ArrayList<>();
        Instant cursor = after;
        while (fires.size() < count) {
            cursor = next(cursor);
            if (cursor == null) {
                break;
            }
            fires.add(cursor);
        }
        return fires;
    }

    /** The last fire time strictly before {@code before}, ignoring start and end dates. */
    public Optional<Instant> previousFireTime(Instant before) {
        return Optional.ofNullable(previous(before));
    }

    public boolean isFireTime(Instant instant) {
        return instant.getNano() == 0 && instant.equals(next(instant.minusSeconds(1)));
    }

    /** The interval that ends at {@code fire}: from the fire before it. */
    public DataInterval intervalEndingAt(Instant fire) {
        requireFireTime(fire);
        Instant start = previous(fire);
        if (start == null) {
            throw new InvalidInputException("schedule '" + schedule + "' has no fire time before " + fire);
        }
        return new DataInterval(start, fire);
    }

    /** The interval whose logical date is {@code logicalDate}: until the next fire. */
    public DataInterval intervalStartingAt(Instant logicalDate) {
        requireFireTime(logicalDate);
        Instant end = next(logicalDate);
        if (end == null) {
            throw new InvalidInputException("schedule '" + schedule + "' has no fire time after " + logicalDate);
        }
        return new DataInterval(logicalDate, end);
    }

    /** The last interval over by {@code now} (its end at or before now) that is not after the end date. */
    public Optional<DataInterval> latestCompleteInterval(Instant now) {
        Instant end = alignToPrevious(now);
        Instant start = end == null ? null : previous(end);
        if (start == null || isAfterEndDate(start)) {
            return Optional.empty();
        }
        return Optional.of(new DataInterval(start, end));
    }

    /**
     * The intervals a scheduler should run at {@code now}, oldest first, as Airflow's cron timetable decides them:
     * those after {@code lastEnd} (the end of the last scheduled run's interval; null if there was none) that are over
     * by now, start at or after the start date and not after the end date. Without catch-up only the latest of them.
     * With no last run and no start date there is nothing to make up for, so the list is empty. At most
     * {@link #MAX_INTERVALS}; the rest are due at the next call.
     */
    public List<DataInterval> dueIntervals(Instant lastEnd, Instant now, boolean catchup) {
        Instant earliest = startDate == null ? null : alignToNext(startDate);
        if (!catchup) {
            Optional<DataInterval> latest = latestCompleteInterval(now);
            if (latest.isEmpty()) {
                return List.of();
            }
            earliest = max(earliest, latest.get().start());
        }
        Instant start;
        if (lastEnd == null) {
            if (startDate == null) {
                return List.of();
            }
            start = earliest;
        } else {
            start = max(alignToPrevious(lastEnd), earliest);
        }
        List<DataInterval> due = new ArrayList<>();
        while (start != null && !isAfterEndDate(start) && due.size() < MAX_INTERVALS) {
            Instant end = next(start);
            if (end == null || end.isAfter(now)) {
                break;
            }
            due.add(new DataInterval(start, end));
            start = end;
        }
        return due;
    }

    /**
     * The intervals whose logical dates lie in [from, to], oldest first, for a backfill. Start and end dates do not
     * bound a backfill: it is an explicit request.
     */
    public List<DataInterval> intervalsBetween(Instant from, Instant to) {
        if (to.isBefore(from)) {
            throw new InvalidInputException("the backfill ends (" + to + ") before it starts (" + from + ")");
        }
        List<DataInterval> intervals = new ArrayList<>();
        Instant start = alignToNext(from);
        while (start != null && !start.isAfter(to)) {
            Instant end = next(start);
            if (end == null) {
                break;
            }
            if (intervals.size() == MAX_INTERVALS) {
                throw new InvalidInputException("from " + from + " to " + to + " schedule '" + schedule + "' has more "
                        + "than " + MAX_INTERVALS + " intervals; backfill a shorter range");
            }
            intervals.add(new DataInterval(start, end));
            start = end;
        }
        return intervals;
    }

    /**
     * When the next run is due after {@code now}: the end of the next interval that starts at or after the start date
     * and not after the end date; empty when the schedule is over.
     */
    public Optional<Instant> nextRunTime(Instant now) {
        Instant base = now;
        if (startDate != null) {
            Instant firstStart = alignToNext(startDate);
            if (firstStart == null) {
                return Optional.empty();
            }
            base = max(base, firstStart);
        }
        Instant fire = next(base);
        if (fire == null) {
            return Optional.empty();
        }
        Instant start = previous(fire);
        if (start == null || isAfterEndDate(start)) {
            return Optional.empty();
        }
        return Optional.of(fire);
    }

    private boolean isAfterEndDate(Instant logicalDate) {
        return endDate != null && logicalDate.isAfter(endDate);
    }

    private void requireFireTime(Instant instant) {
        if (!isFireTime(instant)) {
            throw new InvalidInputException(instant + " is not a fire time of schedule '" + schedule + "' in " + zone);
        }
    }

    /** {@code instant} if it is a fire time, else the fire before it. */
    private Instant alignToPrevious(Instant instant) {
        return isFireTime(instant) ? instant : previous(instant);
    }

    /** {@code instant} if it is a fire time, else the fire after it. */
    private Instant alignToNext(Instant instant) {
        return isFireTime(instant) ? instant : next(instant);
    }

    /** The first fire strictly after {@code after}, or null. */
    private Instant next(Instant after) {
        Instant from = after.truncatedTo(ChronoUnit.SECONDS);
        Instant wall = nextWallClockMatch(from);
        if (!cron.everyHour()) {
            while (wall != null && isFirstOfRepeatedTime(wall)) {
                wall = nextWallClockMatch(wall);
            }
        }
        if (wall == null && cron.nextAfter(LocalDateTime.ofInstant(from.minus(LONGEST_GAP), ZoneOffset.MIN)) == null) {
            return null;
        }
        Instant skipped = nextSkippedWallClockMatch(from, wall == null ? from.plus(SEARCH_LIMIT) : wall);
        return skipped != null && (wall == null || skipped.isBefore(wall)) ? skipped : wall;
    }

    /**
     * The first instant after {@code from} whose wall-clock time matches, walking the zone's offset periods: within
     * one period wall-clock time runs with the instant, so the cron's next match is the answer unless it lies beyond
     * the period's end.
     */
    private Instant nextWallClockMatch(Instant from) {
        Instant cursor = from;
        while (true) {
            Instant first = cursor.plusSeconds(1);
            ZoneOffset offset = rules.getOffset(first);
            ZoneOffsetTransition periodEnd = rules.nextTransition(first);
            LocalDateTime wall = cron.nextAfter(LocalDateTime.ofInstant(cursor, offset));
            if (wall == null) {
                return null;
            }
            Instant candidate = wall.toInstant(offset);
            if (periodEnd == null || candidate.isBefore(periodEnd.getInstant())) {
                return candidate;
            }
            cursor = periodEnd.getInstant().minusSeconds(1);
        }
    }

    /** Whether the wall-clock time of {@code instant} happens again later (autumn) and this is its first time. */
    private boolean isFirstOfRepeatedTime(Instant instant) {
        return !instant.atZone(zone).withLaterOffsetAtOverlap().toInstant().equals(instant);
    }

    /**
     * The first matching wall-clock time inside a spring gap, moved forward by the gap's length, that falls after
     * {@code from} and not after {@code bound}.
     */
    private Instant nextSkippedWallClockMatch(Instant from, Instant bound) {
        ZoneOffsetTransition transition = rules.nextTransition(from.minus(LONGEST_GAP));
        while (transition != null && !transition.getInstant().isAfter(bound)) {
            if (transition.isGap()) {
                LocalDateTime wall =
                        cron.nextAfter(transition.getDateTimeBefore().minusSeconds(1));
                while (wall != null && wall.isBefore(transition.getDateTimeAfter())) {
                    Instant moved = wall.toInstant(transition.getOffsetBefore());
                    if (moved.isAfter(from)) {
                        return moved.isAfter(bound) ? null : moved;
                    }
                    wall = cron.nextAfter(wall);
                }
            }
            transition = rules.nextTransition(transition.getInstant());
        }
        return null;
    }

    /**
     * The last fire strictly before {@code before}, or null: found with {@link #next} alone, so that both directions
     * agree on every DST rule. Widen a window back from {@code before} until it holds a fire, then halve it.
     */
    private Instant previous(Instant before) {
        Instant end = before.truncatedTo(ChronoUnit.SECONDS);
        if (!end.equals(before)) {
            end = end.plusSeconds(1);
        }
        Instant lo = null;
        for (Duration width = Duration.ofMinutes(1);
                width.compareTo(SEARCH_LIMIT) <= 0;
                width = width.multipliedBy(2)) {
            Instant probe = end.minus(width);
            if (hasFireBetween(probe, end)) {
                lo = probe;
                break;
            }
        }
        if (lo == null) {
            return null;
        }
        // invariant: a fire in (lo, end), none in (hi, end)
        long loSecond = lo.getEpochSecond();
        long hiSecond = end.getEpochSecond() - 1;
        while (hiSecond - loSecond > 1) {
            long mid = loSecond + (hiSecond - loSecond) / 2;
            if (hasFireBetween(Instant.ofEpochSecond(mid), end)) {
                loSecond = mid;
            } else {
                hiSecond = mid;
            }
        }
        return next(Instant.ofEpochSecond(loSecond));
    }

    /** Whether a fire lies in the open interval (after, before). */
    private boolean hasFireBetween(Instant after, Instant before) {
        Instant fire = next(after);
        return fire != null && fire.isBefore(before);
    }

    private static Instant max(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
