package com.sendline.loadtests;

import com.sendline.adapters.postgres.PostgresUrl;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;

/**
 * The local PostgreSQL and Redis the benchmarks run against: loopback only, a database created on first use, and a
 * schema / key prefix of each run's own that is removed afterwards.
 */
final class LocalServices {
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1", "[::1]");

    private LocalServices() {
    }

    /** The benchmarks must never load anything but this machine. */
    static void requireLoopback(String variable, String host) {
        if (host == null || !LOOPBACK.contains(host.toLowerCase(java.util.Locale.ROOT))) {
            throw new IllegalArgumentException(variable + " must point at this machine (127.0.0.1); got host "
                    + host);
        }
    }

    static String host(PostgresUrl url) {
        return URI.create(url.jdbcUrl().substring("jdbc:".length())).getHost();
    }

    static String databaseName(PostgresUrl url) {
        String path = URI.create(url.jdbcUrl().substring("jdbc:".length())).getPath();
        return path.substring(1);
    }

    /** The same server's maintenance database, to create the benchmark database from. */
    private static PostgresUrl maintenance(PostgresUrl url) {
        URI uri = URI.create(url.jdbcUrl().substring("jdbc:".length()));
        String jdbc = "jdbc:" + uri.getScheme() + "://" + uri.getRawAuthority() + "/postgres"
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        return new PostgresUrl(jdbc, url.user(), url.password());
    }

    /** @return true when it had to be created */
    static boolean ensureDatabase(PostgresUrl url) throws SQLException {
        String name = databaseName(url);
        if (!name.matches("[A-Za-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("BENCH_DATABASE_URL: the database name may hold only letters, "
                    + "digits and _ (got \"" + name + "\")");
        }
        try (Connection c = connect(url)) {
            return false;
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) { // invalid_catalog_name: the database does not exist
                throw e;
            }
        }
        try (Connection c = connect(maintenance(url)); Statement s = c.createStatement()) {
            try {
                s.execute("create database " + name);
            } catch (SQLException raced) {
                if (!"42P04".equals(raced.getSQLState())) { // duplicate_database: someone else just made it
                    throw raced;
                }
            }
        }
        return true;
    }

    static Connection connect(PostgresUrl url) throws SQLException {
        Properties props = new Properties();
        if (url.user() != null) {
            props.setProperty("user", url.user());
        }
        if (url.password() != null) {
            props.setProperty("password", url.password());
        }
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    /** The database URL with {@code schema} as the connections' current schema. */
    static PostgresUrl inSchema(PostgresUrl url, String schema) {
        String sep = url.jdbcUrl().contains("?") ? "&" : "?";
        return new PostgresUrl(url.jdbcUrl() + sep + "currentSchema=" + schema, url.user(), url.password());
    }

    static void execute(PostgresUrl url, String sql) throws SQLException {
        try (Connection c = connect(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    static String queryOne(PostgresUrl url, String sql) throws SQLException {
        try (Connection c = connect(url); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static java.util.Set<String> column(PostgresUrl url, String sql) throws SQLException {
        java.util.Set<String> values = new java.util.HashSet<>();
        try (Connection c = connect(url); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                values.add(rs.getString(1));
            }
        }
        return values;
    }

    /** Deletes every key under the prefix; returns how many. */
    static long deleteKeys(RedisURI uri, String prefix) {
        RedisClient client = RedisClient.create(uri);
        long deleted = 0;
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    deleted += c.sync().unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
        return deleted;
    }

    static String redisVersion(RedisURI uri) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            for (String line : c.sync().info("server").split("\r?\n")) {
                if (line.startsWith("redis_version:")) {
                    return line.substring("redis_version:".length()).trim();
                }
            }
            return "?";
        } finally {
            client.shutdown();
        }
    }
}
