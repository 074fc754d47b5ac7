package com.sendline.application.dispatch;

import java.time.Duration;

/**
 * @param concurrency  device groups sent at once ({@code WORKER_CONCURRENCY})
 * @param batchSize    entries leased from a partition in one script call
 * @param lease        how long a leased entry stays invisible to other workers without an extension
 * @param maxAttempts  send attempts before a message ends 'failed'
 * @param fullScan     how often the main loop re-reads every partition's head, in case a wake-up was missed
 */
public record DispatchSettings(int concurrency, int batchSize, Duration lease, int maxAttempts, Duration fullScan) {
    public DispatchSettings {
        if (concurrency < 1 || batchSize < 1 || maxAttempts < 1) {
            throw new IllegalArgumentException("concurrency, batch size and attempts must be at least 1");
        }
        if (lease.toMillis() < 300 || fullScan.toMillis() < 10) {
            throw new IllegalArgumentException("lease must be at least 300 ms and the full scan 10 ms");
        }
    }

    public static DispatchSettings defaults() {
        return new DispatchSettings(20, 200, Duration.ofSeconds(30), 5, Duration.ofSeconds(5));
    }

    public DispatchSettings withConcurrency(int n) {
        return new DispatchSettings(n, batchSize, lease, maxAttempts, fullScan);
    }

    public DispatchSettings withLease(Duration d) {
        return new DispatchSettings(concurrency, batchSize, d, maxAttempts, fullScan);
    }

    public DispatchSettings withBatchSize(int n) {
        return new DispatchSettings(concurrency, n, lease, maxAttempts, fullScan);
    }
}
