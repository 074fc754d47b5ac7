package com.sendline.adapters.redis;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.session.BackoffState;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A device in backoff has a key {@code backoff:{device}} whose time to live is the delay: the block lifts itself.
 * Failures in a row are counted in {@code failures:{device}:<kind>}, forgotten after an hour without failure so an
 * old streak does not make a fresh failure wait 30 minutes.
 */
public final class RedisBackoffState implements BackoffState, AutoCloseable {
    static final Duration STREAK_MEMORY = Duration.ofHours(1);
    private final String prefix;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;

    public RedisBackoffState(RedisClient client, String keyPrefix) {
        this.prefix = keyPrefix;
        this.connection = client.connect();
        this.redis = connection.sync();
    }

    private String blockKey(DeviceId device) {
        return prefix + "backoff:{" + device + "}";
    }

    private String failuresKey(DeviceId device, Failure kind) {
        return prefix + "failures:{" + device + "}:" + kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Optional<Instant> blockedUntil(DeviceId device, Instant now) {
        long ttl = redis.pttl(blockKey(device));
        return ttl > 0 ? Optional.of(now.plusMillis(ttl)) : Optional.empty();
    }

    @Override
    public int recordFailure(DeviceId device, Failure kind) {
        String key = failuresKey(device, kind);
        long n = redis.incr(key);
        redis.pexpire(key, STREAK_MEMORY.toMillis());
        return (int) Math.min(n, Integer.MAX_VALUE);
    }

    @Override
    public void block(DeviceId device, Duration delay) {
        redis.set(blockKey(device), "1", SetArgs.Builder.px(Math.max(1, delay.toMillis())));
    }

    @Override
    public void clear(DeviceId device) {
        redis.del(failuresKey(device, Failure.CONNECT), failuresKey(device, Failure.STREAM_ERROR_515));
    }

    @Override
    public void close() {
        connection.close();
    }
}
