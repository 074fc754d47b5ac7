package com.sendline.application.sessions;

import com.sendline.application.worker.PeriodicLoop;
import com.sendline.domain.sharding.ShardRange;

import java.time.Duration;

/** Keeps freshly linked devices online while their sticky budget lasts, in at most capacity − 1 slots. */
public final class StickyLoop extends PeriodicLoop {
    private final SessionPool pool;
    private final ShardRange shard;

    public StickyLoop(SessionPool pool, ShardRange shard, Duration interval) {
        super("sticky", interval);
        this.pool = pool;
        this.shard = shard;
    }

    @Override
    protected void tick() {
        pool.manageSticky(shard, 20);
    }
}
