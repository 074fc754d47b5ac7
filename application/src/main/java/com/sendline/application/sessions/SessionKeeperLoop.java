package com.sendline.application.sessions;

import com.sendline.application.worker.PeriodicLoop;

import java.time.Duration;

/** Refreshes this process's hot-set slots well within their time to live. */
public final class SessionKeeperLoop extends PeriodicLoop {
    private final SessionPool pool;

    public SessionKeeperLoop(SessionPool pool, Duration slotTtl) {
        super("slot-keeper", slotTtl.dividedBy(3));
        this.pool = pool;
    }

    @Override
    protected void tick() {
        pool.refreshSlots();
    }
}
