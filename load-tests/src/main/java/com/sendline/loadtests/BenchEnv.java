package com.sendline.loadtests;

import com.sendline.adapters.postgres.PostgresUrl;
import com.sendline.adapters.redis.RedisConnections;
import io.lettuce.core.RedisURI;

import java.time.Duration;
import java.util.Map;

/** Reads BENCH_* variables; a bad value stops the benchmark before it touches anything. */
final class BenchEnv {
    private final Map<String, String> env;

    BenchEnv(Map<String, String> env) {
        this.env = env;
    }

    String text(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    int integer(String name, int fallback, int min, int max) {
        String raw = env.get(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim().replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number (got \"" + raw + "\")");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + " (got " + value + ")");
        }
        return value;
    }

    Duration seconds(String name, int fallback, int min, int max) {
        return Duration.ofSeconds(integer(name, fallback, min, max));
    }

    /** BENCH_DATABASE_URL: a local PostgreSQL only. */
    PostgresUrl databaseUrl() {
        PostgresUrl url;
        try {
            url = PostgresUrl.parse(text("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sendline_bench"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("BENCH_DATABASE_URL " + e.getMessage());
        }
        LocalServices.requireLoopback("BENCH_DATABASE_URL", LocalServices.host(url));
        return url;
    }

    /** BENCH_REDIS_URL: a local Redis only. */
    RedisURI redisUri() {
        RedisURI uri;
        try {
            uri = RedisConnections.parse(text("BENCH_REDIS_URL", "redis://127.0.0.1:6379"), Duration.ofSeconds(2));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("BENCH_REDIS_URL " + e.getMessage());
        }
        LocalServices.requireLoopback("BENCH_REDIS_URL", uri.getHost());
        return uri;
    }
}
