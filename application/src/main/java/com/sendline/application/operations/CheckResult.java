package com.sendline.application.operations;

import java.util.Objects;

/**
 * The outcome of one dependency check.
 *
 * @param detail a short human-readable reason when down; never a URL, password or stack trace
 */
public record CheckResult(boolean up, long latencyMillis, String detail) {
    public CheckResult {
        Objects.requireNonNull(detail, "detail");
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latency cannot be negative");
        }
    }

    /** Milliseconds since {@code startNanos} (a {@link System#nanoTime()} reading): how long a check took. */
    public static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public static CheckResult up(long latencyMillis) {
        return new CheckResult(true, latencyMillis, "");
    }

    public static CheckResult down(long latencyMillis, String detail) {
        return new CheckResult(false, latencyMillis, detail);
    }
}
