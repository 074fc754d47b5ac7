package com.sendline.adapters.redis;

import com.sendline.domain.apiaccess.TokenRequestLimit;
import io.lettuce.core.RedisClient;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/** Token requests per client address in Redis, keyed {@code tokenlimit:{address}}. */
public final class RedisTokenRequestLimit implements TokenRequestLimit, AutoCloseable {
    private final String prefix;
    private final RedisGcra limits;

    /**
     * @param perMinute steady token requests per minute per address
     * @param burst     requests a quiet address may make at once
     */
    public RedisTokenRequestLimit(RedisClient client, String keyPrefix, int perMinute, int burst) {
        this.prefix = keyPrefix;
        this.limits = new RedisGcra(client, perMinute / 60.0, burst);
    }

    @Override
    public CompletionStage<Duration> admit(String clientAddress) {
        Objects.requireNonNull(clientAddress, "client address");
        return limits.admit(prefix + "tokenlimit:{" + clientAddress + "}");
    }

    @Override
    public void close() {
        limits.close();
    }
}
