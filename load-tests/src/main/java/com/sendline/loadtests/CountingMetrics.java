package com.sendline.loadtests;

import com.sendline.application.dispatch.DispatchMetrics;
import com.sendline.domain.device.Channel;
import com.sendline.domain.session.BackoffState;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/** What the engine reports about itself, summed, to print next to what the recipients saw. */
final class CountingMetrics implements DispatchMetrics {
    final LongAdder dispatched = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder slotWaits = new LongAdder();
    final LongAdder preemptions = new LongAdder();
    final LongAdder backoffs = new LongAdder();

    @Override
    public void dispatched(Duration lateness) {
        dispatched.increment();
    }

    @Override
    public void sent(Channel channel, Duration sendLatency) {
        sent.increment();
    }

    @Override
    public void failed(Channel channel, String code) {
        failed.increment();
    }

    @Override
    public void retried(Channel channel, String code) {
        retried.increment();
    }

    @Override
    public void slotWait(Duration waited) {
        slotWaits.increment();
    }

    @Override
    public void preempted() {
        preemptions.increment();
    }

    @Override
    public void backoff(BackoffState.Failure kind) {
        backoffs.increment();
    }

    String summary() {
        return "sent=" + sent.sum() + " failed=" + failed.sum() + " retried=" + retried.sum() + " slot_waits="
                + slotWaits.sum() + " preemptions=" + preemptions.sum() + " backoffs=" + backoffs.sum();
    }
}
