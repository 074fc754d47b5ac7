package com.sendline.adapters.redis;

import com.sendline.domain.apiaccess.ApiKeyId;
import com.sendline.domain.apiaccess.ApiKeyRateLimit;
import io.lettuce.core.RedisClient;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Per-key rate limits in Redis, asked without blocking (the HTTP filter stays on the event loop), keyed
 * {@code ratelimit:{key id}}. A key calling often takes its admissions a few at a time ({@link AdmissionLeases}).
 */
public final class RedisApiKeyRateLimit implements ApiKeyRateLimit, AutoCloseable {
    private final String prefix;
    private final RedisGcra limits;
    private final AdmissionLeases leases;

    /**
     * @param perSecond steady calls per second per key
     * @param burst     calls a quiet key may make at once
     */
    public RedisApiKeyRateLimit(RedisClient client, String keyPrefix, double perSecond, int burst) {
        this.prefix = keyPrefix;
        this.limits = new RedisGcra(client, perSecond, burst);
        this.leases = new AdmissionLeases(limits, System::nanoTime);
    }

    @Override
    public CompletionStage<Duration> admit(ApiKeyId key) {
        return leases.admit(prefix + "ratelimit:{" + key + "}");
    }

    /** Script calls made so far (fewer than admissions once keys are busy). */
    long scriptCalls() {
        return leases.asked();
    }

    @Override
    public void close() {
        limits.close();
    }
}
