package com.sendline.bootstrap.wiring;

import com.sendline.adapters.postgres.PostgresCheck;
import com.sendline.adapters.redis.RedisCheck;
import com.sendline.adapters.redis.RedisInvalidationBus;
import com.sendline.application.cache.InvalidationBus;
import com.sendline.application.operations.DependencyCheck;
import com.sendline.application.operations.RealtimeConnections;
import com.sendline.application.operations.Readiness;
import com.sendline.bootstrap.config.Settings;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Health, realtime and the cache bus. The cache Redis is wired here and only here; the queue Redis goes to queues. */
@Factory
final class OperationsWiring {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    @Bean(typed = InvalidationBus.class, preDestroy = "close")
    RedisInvalidationBus invalidationBus(Infrastructure.CacheRedis cache, Settings settings) {
        return new RedisInvalidationBus(cache.client(), settings.redisKeyPrefix());
    }

    @Singleton
    Readiness readiness(Infrastructure infra) {
        List<DependencyCheck> checks = new ArrayList<>();
        checks.add(new PostgresCheck("postgres", infra.primaryPool()));
        if (infra.replicaPool() != null) {
            checks.add(new PostgresCheck("postgres-replica", infra.replicaPool()));
        }
        checks.add(new RedisCheck("redis-queue", infra.queueRedis().client()));
        checks.add(new RedisCheck("redis-cache", infra.cacheRedis().client()));
        return new Readiness(checks);
    }

    @Singleton
    RealtimeConnections realtimeConnections(Settings settings) {
        return new RealtimeConnections(settings.realtimeCloseTimeout());
    }
}
