package com.sendline.application.sessions;

import com.sendline.application.worker.PeriodicLoop;

import java.time.Duration;

/** HOT sessions unused for {@code SESSION_IDLE_TIMEOUT} go back to COLD, freeing memory and their slot. */
public final class IdleDisconnectLoop extends PeriodicLoop {
    private final SessionPool pool;

    public IdleDisconnectLoop(SessionPool pool, Duration interval) {
        super("idle-disconnect", interval);
        this.pool = pool;
    }

    @Override
    protected void tick() {
        pool.closeIdle();
    }
}
