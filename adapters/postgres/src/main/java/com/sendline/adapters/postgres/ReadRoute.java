package com.sendline.adapters.postgres;

/**
 * Where a repository sends its reads. Replica reads may lag the primary by a moment, so a repository opts in only
 * for reads that tolerate that (lists, dashboards) — never for a read-then-write or a read right after a write.
 */
public enum ReadRoute {
    PRIMARY,
    REPLICA
}
