package com.sendline.application.dispatch;

import com.sendline.application.worker.PeriodicLoop;
import com.sendline.domain.scheduling.DueQueue;
import com.sendline.domain.sharding.QueuePartition;
import com.sendline.domain.sharding.ShardRange;

import java.time.Clock;
import java.time.Duration;

/** Puts entries whose lease ran out (their worker died or stalled) back into the due set, every 10 s. */
public final class LeaseCleanupLoop extends PeriodicLoop {
    private final DueQueue queue;
    private final ShardRange shard;
    private final Clock clock;

    public LeaseCleanupLoop(DueQueue queue, ShardRange shard, Clock clock, Duration interval) {
        super("lease-cleanup", interval);
        this.queue = queue;
        this.shard = shard;
        this.clock = clock;
    }

    @Override
    protected void tick() {
        for (QueuePartition p : shard.partitions()) {
            int n;
            do {
                n = queue.requeueExpired(p, clock.instant(), 1_000);
            } while (n == 1_000);
        }
    }
}
