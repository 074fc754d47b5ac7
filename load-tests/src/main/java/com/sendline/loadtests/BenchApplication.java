package com.sendline.loadtests;

import com.sendline.adapters.postgres.PostgresUrl;
import com.sendline.bootstrap.config.Settings;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import io.lettuce.core.RedisURI;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The application as {@code ./sendline} runs it (embedded demo seeded, a port of its own), started in the
 * benchmark's JVM on a PostgreSQL schema, a Redis key prefix and a data directory that belong to one run;
 * {@link #close()} removes all three, whatever the run got to. Shared by the benchmarks that measure the running
 * application over HTTP.
 */
final class BenchApplication implements AutoCloseable {
    private final String bench;
    private final PostgresUrl databaseUrl;
    private final RedisURI redisUri;
    private final String schema;
    private final String prefix;
    private SendlineApplication app;
    private Path dataDir;
    private boolean schemaCreated;
    private boolean closed;

    BenchApplication(String bench, PostgresUrl databaseUrl, RedisURI redisUri) {
        this.bench = bench;
        this.databaseUrl = databaseUrl;
        this.redisUri = redisUri;
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        this.schema = "bench_" + run;
        this.prefix = "bench:" + run + ":";
    }

    String schema() {
        return schema;
    }

    /** Creates the database when missing; the first line a run prints: what it ran on. */
    String machine(String commit) throws SQLException {
        boolean created = LocalServices.ensureDatabase(databaseUrl);
        return "bench " + bench + ": commit " + commit + ", " + Runtime.getRuntime().availableProcessors()
                + " cores, java " + Runtime.version() + ", PostgreSQL "
                + LocalServices.queryOne(databaseUrl, "show server_version") + (created ? " (database created)" : "")
                + ", Redis " + LocalServices.redisVersion(redisUri);
    }

    /** @param settings the benchmark's own variables, added to (or overriding) those that place it in this run */
    synchronized SendlineApplication start(Map<String, String> settings) throws Exception {
        LocalServices.execute(databaseUrl, "create schema " + schema);
        schemaCreated = true;
        dataDir = Files.createTempDirectory("sendline-bench-" + bench);
        String jdbc = databaseUrl.jdbcUrl() + (databaseUrl.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema="
                + schema + (databaseUrl.user() == null ? "" : "&user=" + databaseUrl.user())
                + (databaseUrl.password() == null ? "" : "&password=" + databaseUrl.password());
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", jdbc);
        env.put("REDIS_URL", "redis://" + redisUri.getHost() + ":" + redisUri.getPort());
        env.put("REDIS_KEY_PREFIX", prefix);
        env.put("PORT", "0");
        env.put("SENDLINE_DATA_DIR", dataDir.toString());
        env.put("SEED_DEMO", "true");
        env.putAll(settings);
        app = SendlineApplication.start(Settings.from(env));
        return app;
    }

    /** Each step on its own: one that fails is reported and the rest still run. Safe to call twice. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (app != null) {
            Bench.quietly(bench, "closing the application", app::close);
        }
        if (schemaCreated) {
            Bench.quietly(bench, "dropping " + schema, () -> LocalServices.execute(databaseUrl,
                    "drop schema if exists " + schema + " cascade"));
        }
        Bench.quietly(bench, "deleting Redis keys " + prefix + "*", () -> LocalServices.deleteKeys(redisUri, prefix));
        if (dataDir != null) {
            try (var files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (Exception e) {
                // A temp dir left behind is harmless.
            }
        }
    }
}
