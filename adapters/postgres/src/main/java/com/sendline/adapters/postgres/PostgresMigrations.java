package com.sendline.adapters.postgres;

import org.flywaydb.core.Flyway;

/** Brings the schema up to date. Safe on every start and on several instances at once (Flyway takes a lock). */
public final class PostgresMigrations {
    private PostgresMigrations() {
    }

    /**
     * Migrates over connections of its own rather than the application's pool: Flyway holds one connection for its
     * lock and works on another, and a long migration must not be cut off by the per-statement query timeout.
     *
     * @return how many migrations were applied now
     */
    public static int migrate(PostgresUrl primary) {
        return Flyway.configure()
                .dataSource(primary.jdbcUrl(), primary.user(), primary.password())
                .locations("classpath:db/migration")
                .failOnMissingLocations(true)
                .load()
                .migrate()
                .migrationsExecuted;
    }
}
