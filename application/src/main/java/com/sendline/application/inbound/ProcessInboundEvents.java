package com.sendline.application.inbound;

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
import java.util.Set;

/**
 * Does what the kept webhook events say: a receipt moves its message forward, a customer's message is stored and
 * opens the customer-service window. Each event is done once: it is claimed with a lease, and settled when done.
 * A batch costs a handful of statements — receipts together, messages together — and if a batch fails, its events
 * are tried one by one so that one bad event cannot hold back the rest.
 *
 * <p>A receipt can overtake our own record of the send (Meta's "sent" often arrives before the worker has written
 * the outcome of its call): such a receipt is tried again a little later, up to {@link #MAX_ATTEMPTS} times.
 */
public final class ProcessInboundEvents {
    private static final System.Logger LOG = System.getLogger(ProcessInboundEvents.class.getName());
    static final int MAX_ATTEMPTS = 10;
    /** How long events stay with the instance that claimed or stored them before another may take them. */
    public static final Duration LEASE = Duration.ofSeconds(30);

    private final InboundEvents inbox;
    private final SentMessages sent;
    private final InboundMessages messages;
    private final Clock clock;
    private final int batchSize;

    public ProcessInboundEvents(InboundEvents inbox, SentMessages sent, InboundMessages messages, Clock clock,
                                int batchSize) {
        this.inbox = inbox;
        this.sent = sent;
        this.messages = messages;
        this.clock = clock;
        this.batchSize = batchSize;
    }

    /**
     * Claims one batch of events due for processing (left by an instance that stopped, taken in where no worker
     * runs, or waiting for a retry) and processes it. @return how many were claimed (a full batch means more)
     */
    public int processBatch() {
        List<StoredInboundEvent> batch = inbox.claim(clock.instant(), LEASE, batchSize);
        if (!batch.isEmpty()) {
            process(batch);
        }
        return batch.size();
    }

    /** Processes events this caller holds (claimed, or just stored under its lease) and settles them. */
    public void process(List<StoredInboundEvent> batch) {
        Instant now = clock.instant();
        List<Settlement> settled = new ArrayList<>(batch.size());
        try {
            settled.addAll(process(batch, now));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "A batch of " + batch.size() + " inbound events failed; trying"
                    + " them one by one: " + e);
            for (StoredInboundEvent one : batch) {
                try {
                    settled.addAll(process(List.of(one), now));
                } catch (RuntimeException single) {
                    settled.add(failed(one, now, single));
                }
            }
        }
        inbox.settle(settled);
    }

    public int batchSize() {
        return batchSize;
    }

    private List<Settlement> process(List<StoredInboundEvent> batch, Instant now) {
        List<StoredInboundEvent> receiptEvents = new ArrayList<>();
        List<SentMessages.Addressed> receipts = new ArrayList<>();
        List<StoredInboundEvent> messageEvents = new ArrayList<>();
        List<InboundMessages.Addressed> incoming = new ArrayList<>();
        for (StoredInboundEvent stored : batch) {
            InboundEvent e = stored.event();
            switch (e.payload()) {
                case DeliveryReceipt r -> {
                    receiptEvents.add(stored);
                    receipts.add(new SentMessages.Addressed(e.business(), e.device(), r));
                }
                case IncomingMessage m -> {
                    messageEvents.add(stored);
                    incoming.add(new InboundMessages.Addressed(e.business(), e.device(), m));
                }
            }
        }
        List<Settlement> settled = new ArrayList<>(batch.size());
        if (!incoming.isEmpty()) {
            Set<String> added = messages.addAll(incoming);
            for (int i = 0; i < messageEvents.size(); i++) {
                String id = incoming.get(i).message().providerMessageId();
                settled.add(Settlement.done(messageEvents.get(i).id(), added.contains(id) ? "STORED" : "ALREADY_STORED"));
            }
        }
        if (!receipts.isEmpty()) {
            List<ReceiptOutcome> outcomes = sent.applyAll(receipts);
            for (int i = 0; i < receiptEvents.size(); i++) {
                StoredInboundEvent stored = receiptEvents.get(i);
                ReceiptOutcome outcome = outcomes.get(i);
                settled.add(outcome == ReceiptOutcome.NOT_YET_RECORDED && stored.attempts() < MAX_ATTEMPTS
                        ? new Settlement(stored.id(), outcome.name(), now.plus(retryDelay(stored.attempts())))
                        : Settlement.done(stored.id(), outcome.name()));
            }
        }
        return settled;
    }

    private static Settlement failed(StoredInboundEvent stored, Instant now, RuntimeException e) {
        if (stored.attempts() >= MAX_ATTEMPTS) {
            LOG.log(System.Logger.Level.ERROR, "Inbound event " + stored.id() + " failed " + stored.attempts()
                    + " times and is given up: " + e);
            return Settlement.done(stored.id(), "GAVE_UP");
        }
        LOG.log(System.Logger.Level.WARNING, "Inbound event " + stored.id() + " failed; retrying: " + e);
        return new Settlement(stored.id(), "ERROR", now.plus(retryDelay(stored.attempts())));
    }

    /** 1, 2, 4 … 60 s: a send's outcome is written within a second or two; a database hiccup may take longer. */
    static Duration retryDelay(int attempts) {
        long seconds = 1L << Math.min(Math.max(attempts - 1, 0), 6);
        return Duration.ofSeconds(Math.min(seconds, 60));
    }
}
