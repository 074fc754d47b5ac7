package com.sendline.bootstrap.config;

import com.sendline.adapters.postgres.PostgresUrl;
import com.sendline.adapters.redis.RedisConnections;
import com.sendline.domain.sharding.ShardRange;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything Sendline reads from its environment, validated before anything starts. Every default works on a
 * tier-1 VPS; docs/operations.md lists each variable with its tier guidance.
 *
 * @param databaseUrl empty: start an embedded PostgreSQL under the data directory
 * @param redisQueueUrl empty together with redisCacheUrl: start an embedded Redis
 */
public record Settings(
        int port,
        Optional<PostgresUrl> databaseUrl,
        Optional<PostgresUrl> databaseReplicaUrl,
        int dbMaxOpenConns,
        int dbReplicaMaxOpenConns,
        Duration dbQueryTimeout,
        Duration dbConnectTimeout,
        Optional<String> redisQueueUrl,
        Optional<String> redisCacheUrl,
        String redisKeyPrefix,
        Duration redisTimeout,
        ShardRange workerShardRange,
        Path dataDir,
        boolean seedDemo,
        Duration brandingCacheTtl,
        Duration drainDelay,
        Duration drainTimeout,
        Duration realtimeCloseTimeout,
        String logFormat,
        String logLevel,
        EngineSettings engine,
        ApiSettings api,
        WebhookSettings webhooks,
        SecretsSettings secrets) {

    public static Settings from(Map<String, String> environment) {
        Env env = new Env(environment);
        int port = env.port("PORT", 8080);
        Optional<PostgresUrl> database = env.text("DATABASE_URL").map(u -> postgres("DATABASE_URL", u));
        Optional<PostgresUrl> replica = env.text("DATABASE_REPLICA_URL").map(u -> postgres("DATABASE_REPLICA_URL", u));
        if (replica.isPresent() && database.isEmpty()) {
            throw new ConfigurationError("DATABASE_REPLICA_URL is set but DATABASE_URL is not: "
                    + "a replica needs its primary");
        }
        int maxConns = env.positiveInt("DB_MAX_OPEN_CONNS", 25);
        int replicaConns = env.positiveInt("DB_REPLICA_MAX_OPEN_CONNS", maxConns);
        Duration queryTimeout = env.duration("DB_QUERY_TIMEOUT", Duration.ofSeconds(5), Duration.ofMillis(100));
        Duration connectTimeout = env.duration("DB_CONNECT_TIMEOUT", Duration.ofSeconds(5), Duration.ofMillis(250));

        Optional<String> redis = env.text("REDIS_URL").map(u -> redis("REDIS_URL", u));
        Optional<String> queue = env.text("REDIS_QUEUE_URL").map(u -> redis("REDIS_QUEUE_URL", u)).or(() -> redis);
        Optional<String> cache = env.text("REDIS_CACHE_URL").map(u -> redis("REDIS_CACHE_URL", u)).or(() -> redis);
        if (queue.isPresent() != cache.isPresent()) {
            throw new ConfigurationError((queue.isPresent() ? "REDIS_CACHE_URL" : "REDIS_QUEUE_URL")
                    + " is not set: set REDIS_URL for both, or both REDIS_QUEUE_URL and REDIS_CACHE_URL");
        }
        String prefix = env.text("REDIS_KEY_PREFIX", "sendline:");
        // No braces: Sendline adds its own {hash tags} after the prefix to keep related keys in one cluster slot.
        if (!prefix.matches("[A-Za-z0-9:_.-]{1,64}")) {
            throw new ConfigurationError("REDIS_KEY_PREFIX may hold only letters, digits and :_.- (got \""
                    + prefix + "\")");
        }
        Duration redisTimeout = env.duration("REDIS_TIMEOUT", Duration.ofSeconds(2), Duration.ofMillis(100));

        ShardRange shard;
        String rawShard = env.text("WORKER_SHARD_RANGE", "0-100%");
        try {
            shard = ShardRange.parse(rawShard);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError("WORKER_SHARD_RANGE " + e.getMessage() + " (got \"" + rawShard + "\")");
        }

        boolean embedded = database.isEmpty() || queue.isEmpty();
        Path dataDir = Path.of(env.text("SENDLINE_DATA_DIR", "./data")).toAbsolutePath().normalize();
        boolean seed = env.flag("SEED_DEMO", embedded);
        Duration brandingTtl = env.duration("BRANDING_CACHE_TTL", Duration.ofSeconds(60), Duration.ofSeconds(1));
        Duration drainDelay = env.duration("DRAIN_DELAY", Duration.ZERO, Duration.ZERO);
        Duration drainTimeout = env.duration("DRAIN_TIMEOUT", Duration.ofSeconds(20), Duration.ofSeconds(1));
        Duration realtime = env.duration("REALTIME_CLOSE_TIMEOUT", Duration.ofSeconds(1), Duration.ofMillis(10));
        String logFormat = env.text("LOG_FORMAT", "json").toLowerCase(java.util.Locale.ROOT);
        if (!logFormat.equals("json") && !logFormat.equals("text")) {
            throw new ConfigurationError("LOG_FORMAT must be json or text (got \"" + logFormat + "\")");
        }
        String logLevel = env.text("LOG_LEVEL", "INFO").toUpperCase(java.util.Locale.ROOT);
        if (!java.util.Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR").contains(logLevel)) {
            throw new ConfigurationError("LOG_LEVEL must be one of TRACE, DEBUG, INFO, WARN, ERROR (got \""
                    + logLevel + "\")");
        }
        return new Settings(port, database, replica, maxConns, replicaConns, queryTimeout, connectTimeout, queue,
                cache, prefix, redisTimeout, shard, dataDir, seed, brandingTtl, drainDelay, drainTimeout, realtime,
                logFormat, logLevel, EngineSettings.from(env), ApiSettings.from(env), WebhookSettings.from(env, embedded),
                SecretsSettings.from(env));
    }

    private static PostgresUrl postgres(String name, String value) {
        try {
            return PostgresUrl.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError(name + " " + e.getMessage());
        }
    }

    private static String redis(String name, String value) {
        try {
            RedisConnections.parse(value, Duration.ofSeconds(1));
            return value.trim();
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError(name + " " + e.getMessage());
        }
    }

    public Settings withDatabase(PostgresUrl url) {
        return new Settings(port, Optional.of(url), databaseReplicaUrl, dbMaxOpenConns, dbReplicaMaxOpenConns,
                dbQueryTimeout, dbConnectTimeout, redisQueueUrl, redisCacheUrl, redisKeyPrefix, redisTimeout,
                workerShardRange, dataDir, seedDemo, brandingCacheTtl, drainDelay, drainTimeout, realtimeCloseTimeout,
                logFormat, logLevel, engine, api, webhooks, secrets);
    }

    public Settings withRedis(String url) {
        return new Settings(port, databaseUrl, databaseReplicaUrl, dbMaxOpenConns, dbReplicaMaxOpenConns,
                dbQueryTimeout, dbConnectTimeout, Optional.of(url), Optional.of(url), redisKeyPrefix, redisTimeout,
                workerShardRange, dataDir, seedDemo, brandingCacheTtl, drainDelay, drainTimeout, realtimeCloseTimeout,
                logFormat, logLevel, engine, api, webhooks, secrets);
    }
}
