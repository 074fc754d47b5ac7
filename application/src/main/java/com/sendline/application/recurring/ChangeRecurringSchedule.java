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
    private final com.sendline.domain.scheduling.MessageStore messages;
    private final com.sendline.domain.scheduling.DueQueue queue;
    private final RecurrenceCalendar calendar;
    private final MaterializeOccurrences materialize;
    private final Clock clock;

    public ChangeRecurringSchedule(RecurringSchedules schedules, com.sendline.domain.scheduling.MessageStore messages,
                                   com.sendline.domain.scheduling.DueQueue queue, RecurrenceCalendar calendar,
                                   MaterializeOccurrences materialize, Clock clock) {
        this.schedules = schedules;
        this.messages = messages;
        this.queue = queue;
        this.calendar = calendar;
        this.materialize = materialize;
        this.clock = clock;
    }

    /** Pauses, and cancels the occurrences already created that have not started sending. */
    public RecurringSchedule pause(BusinessId business, RecurringScheduleId id) {
        RecurringSchedule paused = change(business, id, s -> s.paused() ? s : s.pausedNow());
        cancelPending(business, id);
        return paused;
    }

    public RecurringSchedule resume(BusinessId business, RecurringScheduleId id) {
        RecurringSchedule resumed = change(business, id, s -> s.paused()
                ? s.resumed(calendar.nextAfter(s.rule(), s.zone(), s.start(), clock.instant()).orElse(null)) : s);
        materialize.materialize(resumed);
        return schedules.find(business, id).orElse(resumed);
    }

    /** Deletes, and cancels the occurrences already created that have not started sending. */
    public void delete(BusinessId business, RecurringScheduleId id) {
        if (schedules.find(business, id).isEmpty()) {
            throw new UnknownSchedule("no schedule " + id);
        }
        cancelPending(business, id);
        if (!schedules.remove(business, id)) {
            throw new UnknownSchedule("no schedule " + id);
        }
    }

    private void cancelPending(BusinessId business, RecurringScheduleId id) {
        for (var entry : messages.cancelPendingOccurrences(business, id)) {
            try {
                queue.withdraw(entry);
            } catch (RuntimeException e) {
                // The claim refuses a cancelled message; its entry is acknowledged then.
            }
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
