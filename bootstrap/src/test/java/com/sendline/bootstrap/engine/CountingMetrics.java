package com.sendline.bootstrap.engine;

import com.sendline.application.dispatch.DispatchMetrics;
import com.sendline.domain.device.Channel;
import com.sendline.domain.session.BackoffState;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts what the engine reports, so a test can assert a preemption or a slot wait happened. */
final class CountingMetrics implements DispatchMetrics {
    final AtomicInteger sent = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger retried = new AtomicInteger();
    final AtomicInteger slotWaits = new AtomicInteger();
    final AtomicInteger preemptions = new AtomicInteger();
    final AtomicInteger backoffs = new AtomicInteger();

    @Override
    public void dispatched(Duration lateness) {
    }

    @Override
    public void sent(Channel channel, Duration sendLatency) {
        sent.incrementAndGet();
    }

    @Override
    public void failed(Channel channel, String code) {
        failed.incrementAndGet();
    }

    @Override
    public void retried(Channel channel, String code) {
        retried.incrementAndGet();
    }

    @Override
    public void slotWait(Duration waited) {
        slotWaits.incrementAndGet();
    }

    @Override
    public void preempted() {
        preemptions.incrementAndGet();
    }

    @Override
    public void backoff(BackoffState.Failure kind) {
        backoffs.incrementAndGet();
    }
}
