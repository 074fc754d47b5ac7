package com.sendline.application.recurring;

import com.sendline.domain.scheduling.RecurrenceCalendar;
import com.sendline.domain.scheduling.RecurringSchedule;
import com.sendline.domain.scheduling.RecurringScheduleId;
import com.sendline.domain.scheduling.RecurringSchedules;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Pause, resume and delete a recurring schedule. Resuming continues with the next occurrence after now: what would
 * have been sent while paused is not sent late.
 */
public final class ChangeRecurringSchedule {
    private final RecurringSchedules schedules;
    private final RecurrenceCalendar calendar;
    private final MaterializeOccurrences materialize;
    private final Clock clock;

    public ChangeRecurringSchedule(RecurringSchedules schedules, RecurrenceCalendar calendar,
                                   MaterializeOccurrences materialize, Clock clock) {
        this.schedules = schedules;
        this.calendar = calendar;
        this.materialize = materialize;
        this.clock = clock;
    }

    public RecurringSchedule pause(BusinessId business, RecurringScheduleId id) {
        return change(business, id, s -> s.paused() ? s : s.pausedNow());
    }

    public RecurringSchedule resume(BusinessId business, RecurringScheduleId id) {
        RecurringSchedule resumed = change(business, id, s -> s.paused()
                ? s.resumed(calendar.nextAfter(s.rule(), s.zone(), s.start(), clock.instant()).orElse(null)) : s);
        materialize.materialize(resumed);
        return schedules.find(business, id).orElse(resumed);
    }

    public void delete(BusinessId business, RecurringScheduleId id) {
        if (!schedules.remove(business, id)) {
            throw new UnknownSchedule("no schedule " + id);
        }
    }

    private RecurringSchedule change(BusinessId business, RecurringScheduleId id,
                                     UnaryOperator<RecurringSchedule> how) {
        for (int attempt = 0; attempt < 5; attempt++) {
            RecurringSchedule before = schedules.find(business, id)
                    .orElseThrow(() -> new UnknownSchedule("no schedule " + id));
            RecurringSchedule after = how.apply(before);
            if (after.equals(before) || schedules.replace(before, after)) {
                return after;
            }
        }
        throw new IllegalStateException("schedule " + id + " keeps changing; try again");
    }
}
