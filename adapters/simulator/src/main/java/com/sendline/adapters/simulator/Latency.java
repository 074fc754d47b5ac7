package com.sendline.adapters.simulator;

import java.time.Duration;

/** Waits out a simulated network delay. Blocking is fine: callers run sessions on virtual threads. */
final class Latency {
    private Latency() {
    }

    static void sleep(Duration base, double jitter, Dice dice) throws InterruptedException {
        if (base.isZero()) {
            return;
        }
        Duration actual = base;
        if (jitter > 0) {
            double factor = 1.0 + jitter * (2.0 * dice.unit() - 1.0);
            actual = Duration.ofNanos(Math.round(base.toNanos() * factor));
        }
        Thread.sleep(actual);
    }
}
