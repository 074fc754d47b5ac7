package com.sendline.domain.session;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Spreads retries out in time so that many sessions failing at once do not come back at once. */
final class Jitter {
    private Jitter() {
    }

    static Duration plusMinus25Percent(Duration base, RandomGenerator random) {
        double factor = 0.75 + random.nextDouble() * 0.5;
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }

    static Duration upTo25PercentMore(Duration base, RandomGenerator random) {
        return Duration.ofMillis(Math.round(base.toMillis() * (1.0 + random.nextDouble() * 0.25)));
    }
}
