package com.sendline.loadtests;

import com.sendline.application.dispatch.DispatchMetrics;
import com.sendline.domain.device.Channel;
import com.sendline.domain.session.BackoffState;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the engine reports about itself, summed, to print next to what the recipients saw: counts, failures and
 * retries by code, and the duration of every driver send call.
 */
final class CountingMetrics implements DispatchMetrics {
    final LongAdder dispatched = new LongAdder();
    final LongAdder sent = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder slotWaits = new LongAdder();
    final LongAdder preemptions = new LongAdder();
    final LongAdder backoffs = new LongAdder();
    final Recorder sendMicros = new Recorder(3);
    private final ConcurrentHashMap<String, LongAdder> notSent = new ConcurrentHashMap<>();

    @Override
    public void dispatched(Duration lateness) {
        dispatched.increment();
    }

    @Override
    public void sent(Channel channel, Duration sendLatency) {
        sent.increment();
        sendMicros.recordValue(Math.max(0, sendLatency.toNanos() / 1_000));
    }

    @Override
    public void failed(Channel channel, String code) {
        failed.increment();
        notSent.computeIfAbsent("failed:" + code, k -> new LongAdder()).increment();
    }

    @Override
    public void retried(Channel channel, String code) {
        retried.increment();
        notSent.computeIfAbsent("retried:" + code, k -> new LongAdder()).increment();
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

    /** As {@link #summary()}, with what was not sent broken down by reason code. */
    String summaryByCode() {
        Map<String, Long> codes = new TreeMap<>();
        notSent.forEach((k, v) -> codes.put(k, v.sum()));
        return "sent=" + sent.sum() + " not_sent=" + codes + " slot_waits=" + slotWaits.sum() + " preemptions="
                + preemptions.sum() + " backoffs=" + backoffs.sum();
    }
}
