package com.sendline.adapters.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * How one connection pool behaves.
 *
 * @param queryTimeout the longest any statement may run before Postgres cancels it
 * @param connectTimeout the longest a thread waits for a connection, from the pool or from the server
 */
public record PoolSettings(String name, PostgresUrl url, int maxSize, Duration queryTimeout, Duration connectTimeout) {
    public PoolSettings {
        Objects.requireNonNull(name, "pool name");
        Objects.requireNonNull(url, "url");
        if (maxSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1");
        }
        if (queryTimeout.isNegative() || queryTimeout.isZero()) {
            throw new IllegalArgumentException("query timeout must be positive");
        }
        if (connectTimeout.toMillis() < 250) {
            throw new IllegalArgumentException("connect timeout must be at least 250 ms");
        }
    }
}
