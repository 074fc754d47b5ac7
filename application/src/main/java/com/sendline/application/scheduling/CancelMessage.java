package com.sendline.application.scheduling;

import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.DueQueue;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageStore;
import com.sendline.domain.scheduling.ScheduledMessage;
import com.sendline.domain.tenancy.BusinessId;

/**
 * Cancels a message that has not started sending. The store's compare-and-set races the worker's claim fairly:
 * exactly one of them wins, and a message that lost the race to a worker answers {@code ALREADY_SENDING}.
 */
public final class CancelMessage {
    private final MessageStore store;
    private final DueQueue queue;

    public CancelMessage(MessageStore store, DueQueue queue) {
        this.store = store;
        this.queue = queue;
    }

    /** @throws com.sendline.domain.scheduling.NotAllowedNow when sending has begun or the message is finished */
    public ScheduledMessage cancel(BusinessId business, MessageId id) {
        for (int attempt = 0; ; attempt++) {
            ScheduledMessage current = store.find(business, id)
                    .orElseThrow(() -> new UnknownMessage("no message " + id));
            ScheduledMessage cancelled = current.cancelled();
            if (store.replace(current, cancelled)) {
                try {
                    queue.withdraw(DueEntry.of(current));
                } catch (RuntimeException e) {
                    // Harmless: the claim refuses a cancelled message, and the entry is acknowledged then.
                }
                return cancelled;
            }
            if (attempt >= 3) {
                throw new IllegalStateException("message " + id + " keeps changing; try again");
            }
        }
    }
}
