package com.sendline.adapters.simulator;

import com.sendline.domain.device.DeviceId;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sessions open right now and the most that were ever open together: the hot-set cap is a promise about the
 * latter, and only the driver sees every session open and close.
 */
final class LiveSessions {
    private final ConcurrentHashMap<DeviceId, SimulatorSession> byDevice = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger highWater = new AtomicInteger();
    private final AtomicLong opened = new AtomicLong();

    /** @return the session this device already had open, if any (a protocol violation), else null */
    SimulatorSession opened(SimulatorSession session) {
        int now = open.incrementAndGet();
        highWater.accumulateAndGet(now, Math::max);
        opened.incrementAndGet();
        SimulatorSession previous = byDevice.put(session.deviceId(), session);
        return previous != null && previous.isOpen() ? previous : null;
    }

    /** Called exactly once per session, by whoever closed it first. */
    void closed(SimulatorSession session) {
        open.decrementAndGet();
        // Only if still current: a session replaced by a newer one for the same device must not unlist the newer.
        byDevice.remove(session.deviceId(), session);
    }

    List<SimulatorSession> snapshot() {
        return List.copyOf(byDevice.values());
    }

    int openNow() {
        return open.get();
    }

    int highWater() {
        return highWater.get();
    }

    long opened() {
        return opened.get();
    }

    /** Starts a new measurement; sessions still open count towards it. */
    void resetCounters() {
        highWater.set(open.get());
        opened.set(0);
    }
}
