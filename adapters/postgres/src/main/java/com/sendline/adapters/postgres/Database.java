package com.sendline.adapters.postgres;

import javax.sql.DataSource;
import java.util.Objects;

/**
 * The write pool and, when one is configured, a read-replica pool. Without a replica, replica reads go to the
 * primary, so a repository that opted in keeps working on a single server.
 */
public final class Database {
    private final Sql primary;
    private final Sql replica;
    private final boolean hasReplica;

    public Database(DataSource primary, DataSource replica, java.time.Duration queryTimeout) {
        Objects.requireNonNull(primary, "primary pool");
        this.primary = new Sql(primary, queryTimeout);
        this.hasReplica = replica != null;
        this.replica = replica == null ? this.primary : new Sql(replica, queryTimeout);
    }

    public static Database primaryOnly(DataSource primary, java.time.Duration queryTimeout) {
        return new Database(primary, null, queryTimeout);
    }

    /** Writes, and reads that must see the latest write. */
    public Sql write() {
        return primary;
    }

    public Sql read(ReadRoute route) {
        return route == ReadRoute.REPLICA ? replica : primary;
    }

    public boolean hasReplica() {
        return hasReplica;
    }
}
