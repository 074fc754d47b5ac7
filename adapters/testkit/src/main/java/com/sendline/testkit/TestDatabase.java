package com.sendline.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** One test's own schema in the shared test database; {@link #jdbcUrl()} makes it the current schema. */
public record TestDatabase(String jdbcUrl, String schema, String databaseUrl) implements AutoCloseable {

    static TestDatabase create(String databaseUrl) {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        exec(databaseUrl, "create schema " + schema);
        String sep = databaseUrl.contains("?") ? "&" : "?";
        return new TestDatabase(databaseUrl + sep + "currentSchema=" + schema, schema, databaseUrl);
    }

    /** Another schema in the same database, e.g. to stand in for a read replica with different rows. */
    public TestDatabase sibling() {
        return create(databaseUrl);
    }

    public void execute(String sql) {
        exec(jdbcUrl, sql);
    }

    @Override
    public void close() {
        exec(databaseUrl, "drop schema if exists " + schema + " cascade");
    }

    private static void exec(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
