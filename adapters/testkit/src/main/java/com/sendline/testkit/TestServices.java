package com.sendline.testkit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Where tests find a real PostgreSQL and a real Redis. With a Docker engine, Testcontainers starts both once per
 * test JVM; without one (as on the development VPS and in CI there), the local services are used:
 * {@code TEST_DATABASE_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres}) and
 * {@code TEST_REDIS_URL} (default {@code redis://127.0.0.1:6379}). Tests never share state: each takes its own
 * schema ({@link #freshDatabase()}) and its own Redis key prefix ({@link #freshRedis()}).
 */
public final class TestServices {
    private static final Logger LOG = LoggerFactory.getLogger(TestServices.class);
    private static final String TEST_DATABASE = "sendline_test";
    private static Endpoints endpoints;

    /** @param jdbcUrl a database every test may create schemas in */
    public record Endpoints(String jdbcUrl, String redisUrl, String how) {
    }

    private TestServices() {
    }

    public static synchronized Endpoints endpoints() {
        if (endpoints == null) {
            endpoints = discover();
            LOG.info("Tests use {} services", endpoints.how());
        }
        return endpoints;
    }

    /** A new, empty schema of its own; closing it drops the schema. */
    public static TestDatabase freshDatabase() {
        return TestDatabase.create(endpoints().jdbcUrl());
    }

    /** A Redis key prefix of its own; closing it deletes every key under the prefix. */
    public static TestRedis freshRedis() {
        return TestRedis.create(endpoints().redisUrl());
    }

    private static Endpoints discover() {
        if (dockerAvailable()) {
            PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16-alpine");
            postgres.start();
            GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
            redis.start();
            String base = postgres.getJdbcUrl();
            String jdbc = base + (base.contains("?") ? "&" : "?") + "user=" + postgres.getUsername()
                    + "&password=" + postgres.getPassword();
            return new Endpoints(jdbc, "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379),
                    "Testcontainers");
        }
        String server = env("TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
        String redis = env("TEST_REDIS_URL", "redis://127.0.0.1:6379");
        return new Endpoints(ensureTestDatabase(server), redis, "local");
    }

    private static boolean dockerAvailable() {
        if ("false".equalsIgnoreCase(System.getenv("TEST_USE_DOCKER"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Tests get a database of their own next to whatever the server already holds. */
    private static String ensureTestDatabase(String serverUrl) {
        try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
            var rs = s.executeQuery("select 1 from pg_database where datname = '" + TEST_DATABASE + "'");
            if (!rs.next()) {
                try {
                    s.execute("create database " + TEST_DATABASE);
                } catch (SQLException raced) {
                    // another test JVM created it between our check and our create: fine
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("No PostgreSQL for tests at TEST_DATABASE_URL (" + serverUrl
                    + "); start one (see README) or set TEST_DATABASE_URL: " + e.getMessage(), e);
        }
        return withDatabase(serverUrl, TEST_DATABASE);
    }

    static String withDatabase(String jdbcUrl, String database) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        String params = query < 0 ? "" : jdbcUrl.substring(query);
        int slash = base.lastIndexOf('/');
        return base.substring(0, slash + 1) + database + params;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
