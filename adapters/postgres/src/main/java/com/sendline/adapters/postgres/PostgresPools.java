package com.sendline.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens connection pools in which nothing waits forever. */
public final class PostgresPools {
    private PostgresPools() {
    }

    /**
     * Connects once, directly, so a wrong address fails with one clear message before any pool logs a stack trace.
     *
     * @throws SQLException with the driver's reason (refused, unknown host, authentication failed, ...)
     */
    public static void probe(PoolSettings settings) throws SQLException {
        Properties props = credentials(settings);
        props.setProperty("connectTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
        props.setProperty("loginTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
        try (Connection ignored = DriverManager.getConnection(settings.url().jdbcUrl(), props)) {
            // reachable, and the credentials work
        }
    }

    public static HikariDataSource open(PoolSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(settings.name());
        config.setJdbcUrl(settings.url().jdbcUrl());
        config.setDataSourceProperties(credentials(settings));
        config.setMaximumPoolSize(settings.maxSize());
        config.setMinimumIdle(Math.min(2, settings.maxSize()));
        config.setConnectionTimeout(settings.connectTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectTimeout().toMillis(), 5_000));
        config.setInitializationFailTimeout(settings.connectTimeout().toMillis());
        long timeoutMs = settings.queryTimeout().toMillis();
        // Server-side limits: a slow query is cancelled by Postgres itself, a forgotten transaction cannot hold locks.
        config.setConnectionInitSql("set statement_timeout = " + timeoutMs
                + "; set lock_timeout = " + timeoutMs
                + "; set idle_in_transaction_session_timeout = " + Math.max(timeoutMs * 6, 60_000));
        // Client-side backstop for a server that stops answering altogether (network partition): the socket gives up.
        config.addDataSourceProperty("socketTimeout", Long.toString(settings.queryTimeout().toSeconds() + 30));
        config.addDataSourceProperty("connectTimeout", Long.toString(Math.max(1, settings.connectTimeout().toSeconds())));
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("ApplicationName", "sendline-" + settings.name());
        return new HikariDataSource(config);
    }

    private static Properties credentials(PoolSettings settings) {
        Properties props = new Properties();
        if (settings.url().user() != null) {
            props.setProperty("user", settings.url().user());
        }
        if (settings.url().password() != null) {
            props.setProperty("password", settings.url().password());
        }
        return props;
    }
}
