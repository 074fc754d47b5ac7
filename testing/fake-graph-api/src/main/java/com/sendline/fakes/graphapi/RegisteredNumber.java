package com.sendline.fakes.graphapi;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * One phone number the fake serves: its token, its faults and the two limits Meta enforces per number. The limit
 * checks and the recording of an accepted message happen under one lock, so that concurrent requests can never
 * slip past a limit together, and so that {@link #maxInAnySecond()} is exact.
 */
final class RegisteredNumber {
    private static final long ONE_SECOND_NANOS = 1_000_000_000L;

    final String phoneNumberId;
    final String token;
    final ScriptedFaults faults = new ScriptedFaults();
    /** 0: follow the fake's default. */
    private volatile int throughputPerSecond;

    /** Accept times (nanoTime) in the last second, oldest first. */
    private final ArrayDeque<Long> lastSecond = new ArrayDeque<>();
    /** Last accept time (nanoTime) per recipient, kept only while the pair limit is on. */
    private final Map<String, Long> lastByRecipient = new HashMap<>();
    private int maxInAnySecond;

    /** What the limits said about one message. */
    enum Verdict { ACCEPTED, THROUGHPUT, PAIR }

    RegisteredNumber(String phoneNumberId, String token) {
        this.phoneNumberId = phoneNumberId;
        this.token = token;
    }

    void throughputPerSecond(int perSecond) {
        this.throughputPerSecond = perSecond;
    }

    /**
     * Takes the message if neither limit forbids it; the caller records it only on {@link Verdict#ACCEPTED}.
     *
     * @param defaultPerSecond the fake-wide limit, used unless this number has its own; 0 means no limit
     * @param pairWindowNanos  0 when the pair limit is off
     */
    synchronized Verdict admit(String waId, long now, int defaultPerSecond, long pairWindowNanos) {
        while (!lastSecond.isEmpty() && now - lastSecond.peekFirst() >= ONE_SECOND_NANOS) {
            lastSecond.removeFirst();
        }
        int limit = throughputPerSecond > 0 ? throughputPerSecond : defaultPerSecond;
        if (limit > 0 && lastSecond.size() >= limit) {
            return Verdict.THROUGHPUT;
        }
        if (pairWindowNanos > 0) {
            Long last = lastByRecipient.get(waId);
            if (last != null && now - last < pairWindowNanos) {
                return Verdict.PAIR;
            }
            if (lastByRecipient.size() > 100_000) {
                // A load test sends to many recipients: forget those whose window has passed.
                lastByRecipient.values().removeIf(t -> now - t >= pairWindowNanos);
            }
            lastByRecipient.put(waId, now);
        }
        lastSecond.addLast(now);
        maxInAnySecond = Math.max(maxInAnySecond, lastSecond.size());
        return Verdict.ACCEPTED;
    }

    /**
     * The most messages accepted within any one second (sliding, not calendar seconds). The busiest window always
     * ends at an accepted message, so checking the window at each accept finds it.
     */
    synchronized int maxInAnySecond() {
        return maxInAnySecond;
    }

    synchronized void reset() {
        lastSecond.clear();
        lastByRecipient.clear();
        maxInAnySecond = 0;
        faults.clear();
    }
}
