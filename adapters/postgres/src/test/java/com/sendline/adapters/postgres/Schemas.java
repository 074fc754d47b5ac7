package com.sendline.adapters.postgres;

import com.sendline.testkit.TestDatabase;
import com.zaxxer.hikari.HikariDataSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Opens migrated pools on test schemas and closes everything it opened. */
final class Schemas implements AutoCloseable {
    private final List<AutoCloseable> opened = new ArrayList<>();

    HikariDataSource pool(TestDatabase schema, int size, Duration queryTimeout) {
        HikariDataSource pool = PostgresPools.open(new PoolSettings("test", PostgresUrl.parse(schema.jdbcUrl()),
                size, queryTimeout, Duration.ofSeconds(2)));
        opened.add(0, pool);
        return pool;
    }

    HikariDataSource migrated(TestDatabase schema) {
        HikariDataSource pool = pool(schema, 4, Duration.ofSeconds(5));
        PostgresMigrations.migrate(PostgresUrl.parse(schema.jdbcUrl()));
        return pool;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }
}
