package com.sendline.bootstrap.wiring;

import com.sendline.adapters.postgres.Database;
import com.sendline.adapters.postgres.PoolSettings;
import com.sendline.adapters.postgres.PostgresMigrations;
import com.sendline.adapters.postgres.PostgresPools;
import com.sendline.adapters.postgres.PostgresUrl;
import com.sendline.adapters.redis.RedisConnections;
import com.sendline.bootstrap.config.Settings;
import com.sendline.bootstrap.lifecycle.OneLine;
import com.zaxxer.hikari.HikariDataSource;
import io.lettuce.core.RedisClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections Sendline holds to the outside: the Postgres pools and the two Redis clients. Opened, checked
 * and migrated before the application context exists, so a bad address fails start-up with one line, not with a
 * context full of half-built beans.
 */
public final class Infrastructure implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);

    private final HikariDataSource primary;
    private final HikariDataSource replica;
    private final Database database;
    private final QueueRedis queueRedis;
    private final CacheRedis cacheRedis;

    /** The Redis that holds queues, leases and throttles: durable-ish, never evicting. */
    public record QueueRedis(RedisClient client) {
    }

    /** The Redis that holds caches and pub/sub: may evict, may be restarted. */
    public record CacheRedis(RedisClient client) {
    }

    /** A dependency that is configured but cannot be reached; the message is safe to print. */
    public static final class Unreachable extends RuntimeException {
        Unreachable(String message) {
            super(message, null, false, false);
        }
    }

    private Infrastructure(HikariDataSource primary, HikariDataSource replica, Database database,
                           QueueRedis queueRedis, CacheRedis cacheRedis) {
        this.primary = primary;
        this.replica = replica;
        this.database = database;
        this.queueRedis = queueRedis;
        this.cacheRedis = cacheRedis;
    }

    public static Infrastructure open(Settings settings) {
        PostgresUrl primaryUrl = settings.databaseUrl().orElseThrow();
        PoolSettings primarySettings = new PoolSettings("primary", primaryUrl, settings.dbMaxOpenConns(),
                settings.dbQueryTimeout(), settings.dbConnectTimeout());
        probe("DATABASE_URL", primarySettings);
        PoolSettings replicaSettings = settings.databaseReplicaUrl().map(url -> new PoolSettings("replica", url,
                settings.dbReplicaMaxOpenConns(), settings.dbQueryTimeout(), settings.dbConnectTimeout())).orElse(null);
        if (replicaSettings != null) {
            probe("DATABASE_REPLICA_URL", replicaSettings);
        }
        RedisClient queue = redis("REDIS_QUEUE_URL (or REDIS_URL)", settings.redisQueueUrl().orElseThrow(), settings);
        RedisClient cache;
        try {
            cache = redis("REDIS_CACHE_URL (or REDIS_URL)", settings.redisCacheUrl().orElseThrow(), settings);
        } catch (RuntimeException e) {
            queue.shutdown();
            throw e;
        }

        List<AutoCloseable> opened = new ArrayList<>();
        try {
            int applied = PostgresMigrations.migrate(primaryUrl);
            LOG.info("Database schema up to date ({} migration(s) applied now)", applied);
            HikariDataSource primary = PostgresPools.open(primarySettings);
            opened.add(primary);
            HikariDataSource replica = replicaSettings == null ? null : PostgresPools.open(replicaSettings);
            if (replica != null) {
                opened.add(replica);
            }
            Database database = new Database(primary, replica);
            return new Infrastructure(primary, replica, database, new QueueRedis(queue), new CacheRedis(cache));
        } catch (RuntimeException e) {
            closeAll(opened);
            queue.shutdown();
            cache.shutdown();
            throw e;
        }
    }

    private static void probe(String variable, PoolSettings pool) {
        try {
            PostgresPools.probe(pool);
        } catch (SQLException e) {
            throw new Unreachable(variable + ": cannot connect to " + pool.url().redacted() + " ("
                    + OneLine.firstLine(e.getMessage()) + ")");
        }
    }

    private static RedisClient redis(String variable, String url, Settings settings) {
        var uri = RedisConnections.parse(url, settings.redisTimeout());
        RedisClient client = RedisConnections.open(uri, settings.redisTimeout());
        try {
            RedisConnections.probe(client);
            return client;
        } catch (RuntimeException e) {
            client.shutdown();
            String where = uri.getHost() + ":" + uri.getPort();
            throw new Unreachable(variable + ": cannot connect to Redis at " + where + " ("
                    + OneLine.of(e) + ")");
        }
    }

    public Database database() {
        return database;
    }

    public HikariDataSource primaryPool() {
        return primary;
    }

    public HikariDataSource replicaPool() {
        return replica;
    }

    public QueueRedis queueRedis() {
        return queueRedis;
    }

    public CacheRedis cacheRedis() {
        return cacheRedis;
    }

    @Override
    public void close() {
        List<AutoCloseable> all = new ArrayList<>();
        if (replica != null) {
            all.add(replica);
        }
        all.add(primary);
        closeAll(all);
        queueRedis.client().shutdown();
        cacheRedis.client().shutdown();
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("Closing {} failed: {}", r, e.toString());
            }
        }
    }
}
