package com.sendline.domain.session;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How long a device waits before connecting again after consecutive failed connects: 30 s, 60 s, 120 s, 5 min,
 * 10 min, then 30 min at most — each with ±25 % jitter so that devices which failed together do not retry together.
 */
public final class ConnectBackoff {
    static final List<Duration> STEPS = List.of(Duration.ofSeconds(30), Duration.ofSeconds(60),
            Duration.ofSeconds(120), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30));

    private ConnectBackoff() {
    }

    /** @param consecutiveFailures 1 for the first failure */
    public static Duration delay(int consecutiveFailures, RandomGenerator random) {
        if (consecutiveFailures < 1) {
            throw new IllegalArgumentException("there is no backoff before a failure");
        }
        Duration base = STEPS.get(Math.min(consecutiveFailures, STEPS.size()) - 1);
        return Jitter.plusMinus25Percent(base, random);
    }
}
