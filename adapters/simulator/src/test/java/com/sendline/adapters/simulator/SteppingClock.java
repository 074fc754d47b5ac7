package com.sendline.adapters.simulator;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves on by a fixed step each time it is read, so "before" and "after" differ visibly. */
final class SteppingClock implements InstantSource {
    private final AtomicReference<Instant> next;
    private final Duration step;

    SteppingClock(Instant start, Duration step) {
        this.next = new AtomicReference<>(start);
        this.step = step;
    }

    @Override
    public Instant instant() {
        return next.getAndUpdate(now -> now.plus(step));
    }
}
