package com.sendline.application.dispatch;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** When a failed send is tried again: 10 s, 30 s, 90 s, ... (×3), at most 15 min, each ±20 %. */
final class RetryDelay {
    private RetryDelay() {
    }

    static Duration after(int attempts, RandomGenerator random) {
        double base = 10_000 * Math.pow(3, Math.max(0, attempts - 1));
        double capped = Math.min(base, Duration.ofMinutes(15).toMillis());
        return Duration.ofMillis(Math.round(capped * (0.8 + random.nextDouble() * 0.4)));
    }
}
