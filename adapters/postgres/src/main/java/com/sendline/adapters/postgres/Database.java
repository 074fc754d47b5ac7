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

    /**
     * Statements are bounded by the pools' own connections (PostgresPools: statement_timeout, lock_timeout, and a
     * socket timeout for a server that stops answering), not per statement here.
     */
    public Database(DataSource primary, DataSource replica) {
        Objects.requireNonNull(primary, "primary pool");
        this.primary = new Sql(primary);
        this.hasReplica = replica != null;
        this.replica = replica == null ? this.primary : new Sql(replica);
    }

    public static Database primaryOnly(DataSource primary) {
        return new Database(primary, null);
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
