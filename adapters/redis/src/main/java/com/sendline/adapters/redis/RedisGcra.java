package com.sendline.adapters.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A steady rate with a burst, per Redis key, on Redis's clock so every instance counts against the same budget:
 * one GCRA script call per admission ({@code lua/rate_limit.lua}), never blocking the caller. A key expires once
 * it has been quiet for its burst's worth of time.
 */
final class RedisGcra implements AutoCloseable {
    private static final LuaScript SCRIPT = LuaScript.load("rate_limit");
    private final String intervalMicros;
    private final String burst;
    private final int burstCalls;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;

    /** What one script call gave: how many calls were admitted, and when none was, how long until one would be. */
    record Grant(int admitted, Duration retryAfter) {
        Grant {
            if (admitted < 0 || (admitted == 0) == retryAfter.isZero()) {
                throw new IllegalArgumentException("a grant admits calls or names a wait, not both or neither");
            }
        }
    }

    /**
     * @param perSecond steady admissions per second per key
     * @param burst     admissions a quiet key may take at once
     */
    RedisGcra(RedisClient client, double perSecond, int burst) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.intervalMicros = Long.toString(Math.max(1, Math.round(1_000_000 / perSecond)));
        this.burst = Integer.toString(burst);
        this.burstCalls = burst;
        this.connection = client.connect();
        this.redis = connection.async();
    }

    /** @return zero when admitted, else how long until the key would be */
    CompletionStage<Duration> admit(String key) {
        return admit(key, 1).thenApply(Grant::retryAfter);
    }

    /** Admits up to {@code wanted} calls at once (as many as the key's budget has room for, at least one if any). */
    CompletionStage<Grant> admit(String key, int wanted) {
        if (wanted < 1) {
            throw new IllegalArgumentException("ask for at least one call");
        }
        return SCRIPT.<List<Long>>runAsync(redis, ScriptOutputType.MULTI, new String[] {key}, intervalMicros, burst,
                Integer.toString(wanted)).thenApply(RedisGcra::grant);
    }

    int burst() {
        return burstCalls;
    }

    private static Grant grant(List<Long> answer) {
        long admitted = answer.get(0);
        long waitMicros = answer.get(1);
        return admitted > 0 ? new Grant((int) admitted, Duration.ZERO)
                : new Grant(0, Duration.ofNanos(Math.max(1, waitMicros) * 1_000));
    }

    @Override
    public void close() {
        connection.close();
    }
}
