package com.sendline.bootstrap.wiring;

import com.sendline.adapters.postgres.PostgresApiKeys;
import com.sendline.adapters.redis.RedisApiKeyRateLimit;
import com.sendline.adapters.redis.RedisTokenRequestLimit;
import com.sendline.bootstrap.config.Settings;
import com.sendline.adapters.postgres.PostgresIdempotencyRecords;
import com.sendline.application.apiaccess.AuthenticateApiKey;
import com.sendline.application.apiaccess.CreateApiKey;
import com.sendline.application.apiaccess.RevokeApiKey;
import com.sendline.application.apiaccess.RunOnce;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The partner API's keys: kept in Postgres, exchanged for tokens by the HTTP layer. */
@Factory
final class ApiAccessWiring {
    @Singleton
    PostgresApiKeys apiKeys(Infrastructure infra) {
        return new PostgresApiKeys(infra.database());
    }

    @Singleton
    AuthenticateApiKey authenticateApiKey(PostgresApiKeys keys, Clock clock) {
        return new AuthenticateApiKey(keys, clock);
    }

    @Singleton
    CreateApiKey createApiKey(PostgresApiKeys keys, Clock clock) {
        return new CreateApiKey(keys, clock);
    }

    @Singleton
    PostgresIdempotencyRecords idempotencyRecords(Infrastructure infra) {
        return new PostgresIdempotencyRecords(infra.database());
    }

    @Singleton
    RunOnce runOnce(PostgresIdempotencyRecords records, Clock clock) {
        return new RunOnce(records, clock);
    }

    /** Per-key call rates live in the cache Redis: losing them resets a few counters, nothing more. */
    @Singleton
    @io.micronaut.context.annotation.Bean(preDestroy = "close")
    RedisApiKeyRateLimit apiKeyRateLimit(Infrastructure infra, Settings settings) {
        return new RedisApiKeyRateLimit(infra.cacheRedis().client(), settings.redisKeyPrefix(),
                settings.api().rateLimit(), settings.api().rateBurst());
    }

    /** Token requests per client address, in the cache Redis like the per-key rates. */
    @Singleton
    @io.micronaut.context.annotation.Bean(preDestroy = "close")
    RedisTokenRequestLimit tokenRequestLimit(Infrastructure infra, Settings settings) {
        int perMinute = settings.api().tokenRequestsPerMinute();
        return new RedisTokenRequestLimit(infra.cacheRedis().client(), settings.redisKeyPrefix(), perMinute,
                Math.max(1, perMinute / 3));
    }

    @Singleton
    RevokeApiKey revokeApiKey(PostgresApiKeys keys, Clock clock) {
        return new RevokeApiKey(keys, clock);
    }
}
