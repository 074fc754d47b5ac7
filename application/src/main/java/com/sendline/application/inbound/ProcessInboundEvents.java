package com.sendline.application.inbound;

import com.sendline.domain.inbound.CustomerServiceWindows;
import com.sendline.domain.inbound.DeliveryReceipt;
import com.sendline.domain.inbound.InboundEvent;
import com.sendline.domain.inbound.InboundEvents;
import com.sendline.domain.inbound.InboundEvents.Settlement;
import com.sendline.domain.inbound.InboundEvents.StoredInboundEvent;
import com.sendline.domain.inbound.InboundMessages;
import com.sendline.domain.inbound.IncomingMessage;
import com.sendline.domain.inbound.ReceiptOutcome;
import com.sendline.domain.inbound.SentMessages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Does what the kept webhook events say: a receipt moves its message forward, a customer's message is stored and
 * opens the customer-service window. Each event is done once: it is claimed with a lease, and settled when done.
 *
 * <p>A receipt can overtake our own record of the send (Meta's "sent" often arrives before the worker has written
 * the outcome of its call): such a receipt is tried again a little later, up to {@link #MAX_ATTEMPTS} times.
 */
public final class ProcessInboundEvents {
    private static final System.Logger LOG = System.getLogger(ProcessInboundEvents.class.getName());
    static final int MAX_ATTEMPTS = 10;
    static final Duration LEASE = Duration.ofSeconds(30);

    private final InboundEvents inbox;
    private final SentMessages sent;
    private final InboundMessages messages;
    private final CustomerServiceWindows windows;
    private final Clock clock;
    private final int batchSize;

    public ProcessInboundEvents(InboundEvents inbox, SentMessages sent, InboundMessages messages,
                                CustomerServiceWindows windows, Clock clock, int batchSize) {
        this.inbox = inbox;
        this.sent = sent;
        this.messages = messages;
        this.windows = windows;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /** Processes one batch of due events. @return how many were claimed (a full batch means more may be waiting) */
    public int processBatch() {
        Instant now = clock.instant();
        List<StoredInboundEvent> batch = inbox.claim(now, LEASE, batchSize);
        List<Settlement> settled = new ArrayList<>(batch.size());
        for (StoredInboundEvent stored : batch) {
            settled.add(process(stored, now));
        }
        inbox.settle(settled);
        return batch.size();
    }

    public int batchSize() {
        return batchSize;
    }

    private Settlement process(StoredInboundEvent stored, Instant now) {
        InboundEvent event = stored.event();
        try {
            return switch (event.payload()) {
                case DeliveryReceipt receipt -> {
                    ReceiptOutcome outcome = sent.apply(event.business(), event.device(), receipt);
                    if (outcome == ReceiptOutcome.NOT_YET_RECORDED && stored.attempts() < MAX_ATTEMPTS) {
                        yield new Settlement(stored.id(), outcome.name(), now.plus(retryDelay(stored.attempts())));
                    }
                    yield Settlement.done(stored.id(), outcome.name());
                }
                case IncomingMessage message -> {
                    boolean added = messages.add(event.business(), event.device(), message);
                    windows.customerWrote(event.business(), event.device(), message.from(), message.at());
                    yield Settlement.done(stored.id(), added ? "STORED" : "ALREADY_STORED");
                }
            };
        } catch (RuntimeException e) {
            if (stored.attempts() >= MAX_ATTEMPTS) {
                LOG.log(System.Logger.Level.ERROR, "Inbound event " + stored.id() + " failed " + stored.attempts()
                        + " times and is given up: " + e);
                return Settlement.done(stored.id(), "GAVE_UP");
            }
            LOG.log(System.Logger.Level.WARNING, "Inbound event " + stored.id() + " failed; retrying: " + e);
            return new Settlement(stored.id(), "ERROR", now.plus(retryDelay(stored.attempts())));
        }
    }

    /** 1, 2, 4 … 60 s: a send's outcome is written within a second or two; a database hiccup may take longer. */
    static Duration retryDelay(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts - 1, 0), 6);
        return Duration.ofSeconds(Math.min(seconds, 60));
    }
}
