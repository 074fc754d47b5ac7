package com.sendline.application.recurring;

import com.sendline.application.scheduling.ScheduleMessage;
import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.DueQueue;
import com.sendline.domain.scheduling.MessageStore;
import com.sendline.domain.scheduling.RecurrenceCalendar;
import com.sendline.domain.scheduling.RecurringSchedule;
import com.sendline.domain.scheduling.RecurringSchedules;
import com.sendline.domain.scheduling.ScheduledMessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the next occurrences of a recurring schedule into scheduled messages, a little ahead of time. Occurrences
 * are created before the schedule advances, and each is keyed (schedule, instant), so running this twice — two
 * workers, a crash half-way — never creates one twice. Occurrences missed by more than {@code catchUp} (the
 * workers were down for hours) are skipped, not sent late.
 */
public final class MaterializeOccurrences {
    private static final int MAX_PER_CALL = 100;
    private static final System.Logger LOG = System.getLogger(MaterializeOccurrences.class.getName());
    private final RecurringSchedules schedules;
    private final MessageStore store;
    private final DueQueue queue;
    private final RecurrenceCalendar calendar;
    private final com.sendline.domain.scheduling.QuotaGate quota;
    private final Clock clock;
    private final Duration horizon;
    private final Duration catchUp;

    public MaterializeOccurrences(RecurringSchedules schedules, MessageStore store, DueQueue queue,
                                  RecurrenceCalendar calendar, com.sendline.domain.scheduling.QuotaGate quota,
                                  Clock clock, Duration horizon, Duration catchUp) {
        this.quota = quota;
        this.schedules = schedules;
        this.store = store;
        this.queue = queue;
        this.calendar = calendar;
        this.clock = clock;
        this.horizon = horizon;
        this.catchUp = catchUp;
    }

    public Duration horizon() {
        return horizon;
    }

    /** @return the messages created now */
    public List<ScheduledMessage> materialize(RecurringSchedule schedule) {
        Instant now = clock.instant();
        Instant until = now.plus(horizon);
        Instant oldest = now.minus(catchUp);
        RecurringSchedule current = schedule;
        if (!current.ended() && current.nextAt().isBefore(oldest)) {
            current = current.advancedTo(calendar.nextAfter(current.rule(), current.zone(), current.start(),
                    oldest.minusMillis(1)).orElse(null));
        }
        List<MessageStore.Occurrence> occurrences = new ArrayList<>();
        while (!current.ended() && !current.paused() && !current.nextAt().isAfter(until)
                && occurrences.size() < MAX_PER_CALL) {
            occurrences.add(new MessageStore.Occurrence(current.occurrence(), current.id()));
            current = current.advancedTo(calendar.nextAfter(current.rule(), current.zone(), current.start(),
                    current.nextAt()).orElse(null));
        }
        if (!occurrences.isEmpty()) {
            try {
                quota.admit(schedule.businessId(), occurrences.size());
            } catch (com.sendline.domain.scheduling.QuotaGate.QuotaExceeded e) {
                // Over quota: these occurrences are skipped (not sent late once the quota allows), the schedule goes on.
                LOG.log(System.Logger.Level.WARNING, "Schedule " + schedule.id() + ": " + occurrences.size()
                        + " occurrence(s) skipped, " + e.code());
                occurrences.clear();
            }
        }
        List<ScheduledMessage> added = store.addOccurrences(occurrences);
        if (!added.isEmpty()) {
            ScheduleMessage.enqueueStored(queue, added.stream().map(DueEntry::of).toList());
        }
        if (!current.equals(schedule)) {
            schedules.replace(schedule, current);
        }
        return added;
    }
}
