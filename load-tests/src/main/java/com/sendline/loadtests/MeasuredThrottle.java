package com.sendline.loadtests;

import com.sendline.adapters.whatsappcloud.PhoneThrottle;
import com.sendline.adapters.whatsappcloud.ThrottleRefused;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wraps one worker's {@link PhoneThrottle} (the production {@code RedisPhoneThrottle}) and only watches it: how many
 * tokens each number took through this worker, how long each {@code acquire} took from the caller's side (Redis
 * round trips plus the parked wait) and how much of that was the parked wait the throttle reports. The difference
 * is what talking to Redis cost; a send's time minus its acquire is roughly the HTTP call.
 */
final class MeasuredThrottle implements PhoneThrottle {
    private final PhoneThrottle delegate;
    private final ConcurrentHashMap<String, LongAdder> granted = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();
    private final Recorder acquireMicros = new Recorder(3);
    private final Recorder parkedMicros = new Recorder(3);

    MeasuredThrottle(PhoneThrottle delegate) {
        this.delegate = delegate;
    }

    @Override
    public Duration acquire(String phoneNumberId) throws ThrottleRefused, InterruptedException {
        long t = System.nanoTime();
        Duration parked;
        try {
            parked = delegate.acquire(phoneNumberId);
        } catch (ThrottleRefused e) {
            refused.increment();
            throw e;
        }
        acquireMicros.recordValue((System.nanoTime() - t) / 1_000);
        parkedMicros.recordValue(parked.toNanos() / 1_000);
        granted.computeIfAbsent(phoneNumberId, k -> new LongAdder()).increment();
        return parked;
    }

    /** Tokens taken per phone number id so far. */
    Map<String, Long> granted() {
        Map<String, Long> out = new TreeMap<>();
        granted.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long refused() {
        return refused.sum();
    }

    /** Acquire time (µs, the caller's view) and parked time (µs, the throttle's own wait) since the previous call. */
    Histogram[] interval() {
        return new Histogram[]{acquireMicros.getIntervalHistogram(), parkedMicros.getIntervalHistogram()};
    }
}
