package com.sendline.adapters.redis;

import com.sendline.domain.apiaccess.ApiKeyId;
import com.sendline.domain.apiaccess.ApiKeyRateLimit;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Per-key rate limits in Redis, asked without blocking (the HTTP filter stays on the event loop): one GCRA script call per API call ({@code lua/rate_limit.lua}), keyed
 * {@code ratelimit:{key id}}. The key expires when the key has been quiet for its burst's worth of time.
 */
public final class RedisApiKeyRateLimit implements ApiKeyRateLimit, AutoCloseable {
    private static final LuaScript SCRIPT = LuaScript.load("rate_limit");
    private final String prefix;
    private final String intervalMicros;
    private final String burst;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;

    /**
     * @param perSecond steady calls per second per key
     * @param burst     calls a quiet key may make at once
     */
    public RedisApiKeyRateLimit(RedisClient client, String keyPrefix, double perSecond, int burst) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        this.prefix = keyPrefix;
        this.intervalMicros = Long.toString(Math.max(1, Math.round(1_000_000 / perSecond)));
        this.burst = Integer.toString(burst);
        this.connection = client.connect();
        this.redis = connection.async();
    }

    @Override
    public CompletionStage<Duration> admit(ApiKeyId key) {
        return SCRIPT.<Long>runAsync(redis, ScriptOutputType.INTEGER,
                        new String[] {prefix + "ratelimit:{" + key + "}"}, intervalMicros, burst)
                .thenApply(wait -> wait == null || wait <= 0 ? Duration.ZERO : Duration.ofNanos(wait * 1_000));
    }

    @Override
    public void close() {
        connection.close();
    }
}
