package com.sendline.domain.webhook;

import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: exponential backoff (first delay, then three times longer each try, up to
 * a cap) with full jitter — a random wait between a tenth and all of that ceiling — so that the deliveries of a
 * receiver that was down do not all come back at the same instant. A receiver's {@code Retry-After} is honoured
 * (up to the cap). After {@code maxAttempts} tries the delivery is dead.
 *
 * @param first       the ceiling after the first failed try (10 s by default)
 * @param cap         the longest wait between two tries (1 h by default)
 * @param maxAttempts tries before a delivery is dead (8 by default)
 */
public record RetrySchedule(Duration first, Duration cap, int maxAttempts) {
    public static final RetrySchedule DEFAULT = new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(1), 8);

    public RetrySchedule {
        if (first.isNegative() || first.isZero() || cap.compareTo(first) < 0) {
            throw new IllegalArgumentException("the first delay must be positive and no longer than the cap");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** @return whether a delivery that has failed {@code attempts} times gets another try */
    public boolean triesAgainAfter(int attempts) {
        return attempts < maxAttempts;
    }

    /** The ceiling of the wait after the {@code attempts}-th failed try (1-based): first × 3^(attempts−1), capped. */
    public Duration ceiling(int attempts) {
        double millis = first.toMillis() * Math.pow(3, Math.max(0, attempts - 1));
        return millis >= cap.toMillis() ? cap : Duration.ofMillis((long) millis);
    }

    /** The wait after the {@code attempts}-th failed try. */
    public Duration delayAfter(int attempts, Optional<Duration> retryAfter, RandomGenerator random) {
        long ceiling = ceiling(attempts).toMillis();
        long floor = Math.max(1, ceiling / 10);
        long jittered = floor + (long) (random.nextDouble() * (ceiling - floor));
        Duration delay = Duration.ofMillis(jittered);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(delay) > 0) {
            delay = retryAfter.get().compareTo(cap) > 0 ? cap : retryAfter.get();
        }
        return delay;
    }
}
