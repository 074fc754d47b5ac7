package com.sendline.adapters.postgres;

import com.sendline.application.operations.CheckResult;
import com.sendline.application.operations.DependencyCheck;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Asks a pool for a connection and runs {@code select 1}, within the pool's own timeouts. */
public final class PostgresCheck implements DependencyCheck {
    private final String name;
    private final DataSource pool;

    public PostgresCheck(String name, DataSource pool) {
        this.name = name;
        this.pool = pool;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CheckResult check() {
        long start = System.nanoTime();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.setQueryTimeout(2);
            s.execute("select 1");
            return CheckResult.up(CheckResult.millisSince(start));
        } catch (SQLException | RuntimeException e) {
            return CheckResult.down(CheckResult.millisSince(start), "cannot run a query (" + e.getClass().getSimpleName()
                    + (e instanceof SQLException sql ? ", SQLSTATE " + sql.getSQLState() : "") + ")");
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
