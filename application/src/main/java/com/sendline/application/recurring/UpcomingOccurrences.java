package com.sendline.application.recurring;

import com.sendline.domain.scheduling.RecurrenceCalendar;
import com.sendline.domain.scheduling.RecurringSchedule;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a recurring schedule will send next, for people looking at it: the next occurrences after now, whether or not
 * their messages have been created yet. A paused or ended schedule has none.
 */
public final class UpcomingOccurrences {
    public static final int MAX_COUNT = 50;

    private final RecurrenceCalendar calendar;
    private final Clock clock;

    public UpcomingOccurrences(RecurrenceCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    /** @param count 1 to {@value #MAX_COUNT} */
    public List<Instant> next(RecurringSchedule schedule, int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be between 1 and " + MAX_COUNT);
        }
        List<Instant> next = new ArrayList<>(count);
        if (schedule.paused() || schedule.ended()) {
            return next;
        }
        Instant after = clock.instant();
        while (next.size() < count) {
            Optional<Instant> at = calendar.nextAfter(schedule.rule(), schedule.zone(), schedule.start(), after);
            if (at.isEmpty()) {
                break;
            }
            next.add(at.get());
            after = at.get();
        }
        return next;
    }
}
