package com.sendline.application.inbound;

import com.sendline.application.worker.PeriodicLoop;
import com.sendline.domain.inbound.InboundEvents.StoredInboundEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Works through kept webhook events. Events this instance's intake just stored are handed over in memory (they are
 * under this instance's lease, so nobody else takes them) and processed at once; every {@code interval} the loop
 * also claims what is due in the database — events of an instance that stopped, of an instance that runs no
 * worker, and receipts waiting for a retry. A hand-over does not bring the database claim forward: under load the
 * intake hands over dozens of times a second, and a claim after each (finding nothing, since this instance's own
 * events are leased to it) was 2,000 empty statements in a 50 s benchmark.
 */
public final class InboundLoop extends PeriodicLoop {
    private final ProcessInboundEvents process;
    private final ConcurrentLinkedQueue<StoredInboundEvent> handedOver = new ConcurrentLinkedQueue<>();
    private final long claimEveryNanos;
    /** Only the loop's thread reads and writes it. */
    private long nextClaimNanos = System.nanoTime();

    public InboundLoop(ProcessInboundEvents process, Duration interval) {
        super("inbound-events", interval);
        this.process = process;
        this.claimEveryNanos = interval.toNanos();
    }

    /** Takes events the caller stored under {@link ProcessInboundEvents#LEASE}; only call while running. */
    void handOver(List<StoredInboundEvent> events) {
        handedOver.addAll(events);
        nudge();
    }

    @Override
    protected void tick() {
        List<StoredInboundEvent> batch = new ArrayList<>(process.batchSize());
        StoredInboundEvent next;
        while ((next = handedOver.poll()) != null) {
            batch.add(next);
            if (batch.size() == process.batchSize()) {
                process.process(batch);
                batch = new ArrayList<>(process.batchSize());
            }
        }
        if (!batch.isEmpty()) {
            process.process(batch);
        }
        long now = System.nanoTime();
        if (now - nextClaimNanos < 0) {
            return;
        }
        nextClaimNanos = now + claimEveryNanos;
        while (process.processBatch() == process.batchSize()) {
            // A full batch: more are probably waiting.
        }
    }
}
