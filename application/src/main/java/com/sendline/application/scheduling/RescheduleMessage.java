package com.sendline.application.scheduling;

import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.DueQueue;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageStore;
import com.sendline.domain.scheduling.ScheduledMessage;
import com.sendline.domain.tenancy.BusinessId;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Moves a message that has not started sending to another instant. */
public final class RescheduleMessage {
    private final MessageStore store;
    private final DueQueue queue;
    private final Clock clock;

    public RescheduleMessage(MessageStore store, DueQueue queue, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
    }

    public ScheduledMessage reschedule(BusinessId business, MessageId id, Instant sendAt) {
        Instant now = clock.instant();
        Instant due = sendAt.isBefore(now) ? now : sendAt;
        for (int attempt = 0; ; attempt++) {
            ScheduledMessage current = store.find(business, id)
                    .orElseThrow(() -> new UnknownMessage("no message " + id));
            ScheduledMessage moved = current.rescheduled(due);
            if (store.replace(current, moved)) {
                try {
                    queue.withdraw(DueEntry.of(current));
                } catch (RuntimeException e) {
                    // The old entry is refused at claim time (its due instant no longer matches the store).
                }
                ScheduleMessage.enqueueStored(queue, List.of(DueEntry.of(moved)));
                return moved;
            }
            if (attempt >= 3) {
                throw new IllegalStateException("message " + id + " keeps changing; try again");
            }
        }
    }
}
