package com.sendline.adapters.whatsappcloud;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Waits between tries: exponential with jitter, so that workers that failed together do not retry together. */
final class Backoff {
    private Backoff() {
    }

    /**
     * The wait before retry number {@code retry} (1 for the first) after a server error or timeout: half of
     * {@code base × 2^(retry-1)} plus a random part up to the other half, capped at {@code max}; never shorter than
     * Meta's {@code Retry-After}.
     *
     * @return null when Meta asks for a longer wait than {@code max}: not worth holding a worker for
     */
    static Duration afterFailure(int retry, Duration base, Duration max, Duration retryAfter) {
        if (retryAfter != null && retryAfter.compareTo(max) > 0) {
            return null;
        }
        long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(retry - 1, 20));
        Duration computed = jittered(ceiling);
        return retryAfter != null && retryAfter.compareTo(computed) > 0 ? retryAfter : computed;
    }

    /** About {@code around}: from half of it to all of it. */
    static Duration jittered(Duration around) {
        return jittered(around.toMillis());
    }

    private static Duration jittered(long ceilingMillis) {
        if (ceilingMillis <= 0) {
            return Duration.ZERO;
        }
        long half = ceilingMillis / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(ceilingMillis - half + 1));
    }
}
