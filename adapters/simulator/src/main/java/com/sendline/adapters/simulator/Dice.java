package com.sendline.adapters.simulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Seeded randomness that many threads may share without a lock: draw n is a pure function of the seed and n, so a
 * stream is reproducible whenever its draws happen in the same order. The driver keeps one stream per device and
 * one per session, so one device's outcomes do not depend on how other devices' threads interleave.
 */
final class Dice {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final long seed;
    private final AtomicLong draws = new AtomicLong();

    Dice(long seed) {
        this.seed = seed;
    }

    /** An independent stream for one key (a device, a session) under a root seed. */
    static Dice stream(long rootSeed, long keyHigh, long keyLow) {
        return new Dice(mix(mix(rootSeed ^ mix(keyHigh)) ^ keyLow));
    }

    boolean chance(double probability) {
        // No draw for a rate of 0 or 1: a fault-free run then pays nothing for randomness.
        if (probability <= 0) {
            return false;
        }
        if (probability >= 1) {
            return true;
        }
        return unit() < probability;
    }

    /** Uniform in [0, 1). */
    double unit() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    long nextLong() {
        return mix(seed + draws.incrementAndGet() * GOLDEN_GAMMA);
    }

    /** SplitMix64's finaliser: turns consecutive inputs into unrelated outputs. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
