package com.sendline.loadtests;

import com.sendline.adapters.simulator.Delivery;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Watches a simulator's deliveries for one phase's messages, from the recipients' side: how many arrived, how many
 * arrived again, when the last one was accepted and — when the due instants are known — how late each first
 * delivery was called (due instant → {@code send} entered). Runs on the sending threads, so it only counts.
 */
final class DeliveryTracker implements Consumer<Delivery> {
    private final Map<UUID, Long> dueMillis;
    private final boolean measureLateness;
    private final Set<UUID> seen;
    private final LongAdder first = new LongAdder();
    private final LongAdder repeats = new LongAdder();
    private final LongAdder early = new LongAdder();
    private final AtomicLong lastSentMicros = new AtomicLong(Long.MIN_VALUE);
    private final Recorder lateness = new Recorder(3);

    /** @param dueMillis every message of the phase with its due instant (epoch ms); read-only from here on */
    DeliveryTracker(Map<UUID, Long> dueMillis, boolean measureLateness) {
        this.dueMillis = dueMillis;
        this.measureLateness = measureLateness;
        this.seen = ConcurrentHashMap.newKeySet(dueMillis.size() * 2);
    }

    @Override
    public void accept(Delivery d) {
        UUID id = d.messageId().value();
        Long due = dueMillis.get(id);
        if (due == null) {
            return; // another phase's message
        }
        if (!seen.add(id)) {
            repeats.increment();
            return;
        }
        if (measureLateness) {
            long late = micros(d.calledAt()) - due * 1_000;
            if (late < 0) {
                early.increment();
                late = 0;
            }
            lateness.recordValue(late);
        }
        lastSentMicros.accumulateAndGet(micros(d.sentAt()), Math::max);
        first.increment();
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000;
    }

    int expected() {
        return dueMillis.size();
    }

    /** Messages of the phase delivered at least once. */
    long delivered() {
        return first.sum();
    }

    /** Deliveries beyond the first of a message. */
    long repeats() {
        return repeats.sum();
    }

    /** Deliveries called before their due instant (recorded as 0 ms late); a correct engine has none. */
    long early() {
        return early.sum();
    }

    boolean wasDelivered(UUID id) {
        return seen.contains(id);
    }

    /** When the last first delivery was accepted; null before any. */
    Instant lastSent() {
        long m = lastSentMicros.get();
        return m == Long.MIN_VALUE ? null : Instant.ofEpochSecond(m / 1_000_000, (m % 1_000_000) * 1_000);
    }

    /** Lateness in microseconds of every first delivery so far. */
    Histogram lateness() {
        return lateness.getIntervalHistogram();
    }
}
