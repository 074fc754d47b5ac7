package com.sendline.application.inbound;

import com.sendline.application.worker.PeriodicLoop;

import java.time.Duration;

/**
 * Works through kept webhook events: at once when this instance's intake nudges it, and every {@code interval}
 * otherwise — which also picks up events another instance took in, or that a stopped instance left leased.
 */
public final class InboundLoop extends PeriodicLoop {
    private final ProcessInboundEvents process;

    public InboundLoop(ProcessInboundEvents process, Duration interval) {
        super("inbound-events", interval);
        this.process = process;
    }

    @Override
    protected void tick() {
        while (process.processBatch() == process.batchSize()) {
            // A full batch: more are probably waiting.
        }
    }
}
