package com.sendline.adapters.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
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
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;

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
        this.connection = client.connect();
        this.redis = connection.async();
    }

    /** @return zero when admitted, else how long until the key would be */
    CompletionStage<Duration> admit(String key) {
        return SCRIPT.<Long>runAsync(redis, ScriptOutputType.INTEGER, new String[] {key}, intervalMicros, burst)
                .thenApply(wait -> wait == null || wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait * 1_000));
    }

    @Override
    public void close() {
        connection.close();
    }
}
