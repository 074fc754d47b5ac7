package com.sendline.bootstrap.engine;

import com.sendline.application.dispatch.DispatchSettings;
import com.sendline.application.sessions.SessionSettings;
import com.sendline.bootstrap.config.Settings;
import com.sendline.domain.sharding.ShardRange;

import java.time.Duration;

/**
 * Every tunable of the scheduling engine in one place. Production takes {@link #from(Settings, String)}; tests
 * shrink leases and intervals to seconds.
 */
public record EngineConfig(ShardRange shard, int hotSessionCap, DispatchSettings dispatch, SessionSettings sessions,
                           Duration leaseCleanupEvery, Duration reconcileEvery, Duration reconcileHorizon,
                           Duration stuckSendingAfter, Duration stickyEvery, Duration idleCheckEvery,
                           Duration recurrenceEvery, Duration recurrenceHorizon, Duration recurrenceCatchUp) {

    public static EngineConfig from(Settings settings, String holder) {
        var engine = settings.engine();
        SessionSettings sessions = new SessionSettings(holder, Duration.ofSeconds(15), engine.sessionIdleTimeout(),
                Duration.ofSeconds(5));
        Duration idleEvery = engine.sessionIdleTimeout().dividedBy(2).compareTo(Duration.ofSeconds(10)) < 0
                ? engine.sessionIdleTimeout().dividedBy(2) : Duration.ofSeconds(10);
        return new EngineConfig(settings.workerShardRange(), engine.hotSessionCap(),
                DispatchSettings.defaults().withConcurrency(engine.workerConcurrency()), sessions,
                Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofMinutes(5),
                Duration.ofSeconds(10), idleEvery, Duration.ofSeconds(30), Duration.ofMinutes(2), Duration.ofHours(1));
    }

    /** Short leases and quick loops, for tests that watch leases expire and reconcile run. */
    public static EngineConfig forTests(String holder, int hotSessionCap) {
        return new EngineConfig(ShardRange.ALL, hotSessionCap,
                DispatchSettings.defaults().withLease(Duration.ofSeconds(2)),
                new SessionSettings(holder, Duration.ofSeconds(6), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofSeconds(30),
                Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofSeconds(1), Duration.ofMinutes(2),
                Duration.ofHours(1));
    }

    public EngineConfig withShard(ShardRange range) {
        return new EngineConfig(range, hotSessionCap, dispatch, sessions, leaseCleanupEvery, reconcileEvery,
                reconcileHorizon, stuckSendingAfter, stickyEvery, idleCheckEvery, recurrenceEvery, recurrenceHorizon,
                recurrenceCatchUp);
    }

    public EngineConfig withDispatch(DispatchSettings d) {
        return new EngineConfig(shard, hotSessionCap, d, sessions, leaseCleanupEvery, reconcileEvery,
                reconcileHorizon, stuckSendingAfter, stickyEvery, idleCheckEvery, recurrenceEvery, recurrenceHorizon,
                recurrenceCatchUp);
    }

    public EngineConfig withSessions(SessionSettings s) {
        return new EngineConfig(shard, hotSessionCap, dispatch, s, leaseCleanupEvery, reconcileEvery,
                reconcileHorizon, stuckSendingAfter, stickyEvery, idleCheckEvery, recurrenceEvery, recurrenceHorizon,
                recurrenceCatchUp);
    }
}
