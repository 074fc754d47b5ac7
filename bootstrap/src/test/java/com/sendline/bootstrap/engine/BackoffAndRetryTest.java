package com.sendline.bootstrap.engine;

import com.sendline.adapters.simulator.SimulatorDriver;
import com.sendline.adapters.simulator.SimulatorSettings;
import com.sendline.application.sessions.SessionPool;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.SessionState;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.scheduling.ScheduledMessage;
import com.sendline.domain.session.SessionEvents;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.sendline.bootstrap.engine.EngineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Connect failures back off 30 s, 60 s, ...; five 515s in a row park the device; failed sends retry, then fail. */
class BackoffAndRetryTest {
    private EngineHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    /** What the Redis key says: how long until the device may connect again. */
    private long blockedForMs(Device device) {
        try (StatefulRedisConnection<String, String> c = harness.redisClient.connect()) {
            return c.sync().pttl(harness.redis.prefix() + "backoff:{" + device.id() + "}");
        }
    }

    /** The block expiring, without waiting 30 s for it. */
    private void expireBlock(Device device) {
        try (StatefulRedisConnection<String, String> c = harness.redisClient.connect()) {
            c.sync().del(harness.redis.prefix() + "backoff:{" + device.id() + "}");
        }
    }

    @Test
    void connect_failures_back_off_30s_60s_120s_5m_10m_then_30m_each_within_25_percent() {
        harness = new EngineHarness(1);
        Device device = harness.devices.getFirst();
        SimulatorDriver driver = new SimulatorDriver(SimulatorSettings.instant());
        SchedulingEngine engine = harness.engine(EngineConfig.forTests("w1", 2), driver, new CountingMetrics());
        driver.failNextConnects(device.id(), 7, SessionEvents.Disconnect.CONNECTION_LOST);
        long[] expectedSeconds = {30, 60, 120, 300, 600, 1800, 1800};
        List<Long> seen = new ArrayList<>();
        for (long expected : expectedSeconds) {
            SessionPool.Acquired result = engine.sessions().acquire(device);
            assertThat(result).isInstanceOf(SessionPool.Blocked.class);
            long ms = blockedForMs(device);
            seen.add(ms);
            assertThat(ms).as("backoff after failure %d", seen.size())
                    .isBetween((long) (expected * 750), expected * 1250);
            assertThat(harness.deviceState(device)).isEqualTo(SessionState.BACKOFF);
            // While blocked the device is not even tried.
            assertThat(engine.sessions().acquire(device)).isInstanceOf(SessionPool.Blocked.class);
            expireBlock(device);
        }
        assertThat(driver.connectAttempts()).isEqualTo(7);

        // A healthy connect ends the streak: the next failure waits 30 s again.
        SessionPool.Acquired ok = engine.sessions().acquire(device);
        assertThat(ok).isInstanceOf(SessionPool.Ready.class);
        ((SessionPool.Ready) ok).use().done();
        assertThat(harness.deviceState(device)).isEqualTo(SessionState.HOT);
    }

    @Test
    void stream_error_515_backs_off_exponentially_and_the_fifth_in_a_row_parks_the_device_ten_minutes() {
        harness = new EngineHarness(1);
        Device device = harness.devices.getFirst();
        SimulatorDriver driver = new SimulatorDriver(SimulatorSettings.instant());
        SchedulingEngine engine = harness.engine(EngineConfig.forTests("w1", 2), driver, new CountingMetrics());
        driver.failNextConnects(device.id(), 5, SessionEvents.Disconnect.STREAM_ERROR_515);
        long[] baseSeconds = {5, 10, 20, 40};
        for (long base : baseSeconds) {
            assertThat(engine.sessions().acquire(device)).isInstanceOf(SessionPool.Blocked.class);
            assertThat(blockedForMs(device)).isBetween((long) (base * 750), base * 1250);
            expireBlock(device);
        }
        assertThat(engine.sessions().acquire(device)).isInstanceOf(SessionPool.Blocked.class);
        assertThat(blockedForMs(device)).as("parked").isBetween(600_000L - 1_000, 750_000L);
        assertThat(harness.deviceState(device)).isEqualTo(SessionState.BACKOFF);
    }

    @Test
    void a_due_message_for_a_device_in_backoff_waits_and_goes_out_once_the_block_lifts() {
        harness = new EngineHarness(1);
        Device device = harness.devices.getFirst();
        SimulatorDriver driver = new SimulatorDriver(SimulatorSettings.instant());
        SchedulingEngine engine = harness.engine(EngineConfig.forTests("w1", 2), driver, new CountingMetrics());
        driver.failNextConnects(device.id(), 1, SessionEvents.Disconnect.CONNECTION_LOST);
        ScheduledMessage m = harness.schedule(engine, 1, 1, Instant.now()).getFirst();
        engine.worker().start();
        await("device backing off", Duration.ofSeconds(10), () -> blockedForMs(device) > 0);
        assertThat(engine.queue().earliestDue(com.sendline.domain.scheduling.DueEntry.of(m).partition()).orElseThrow())
                .as("postponed to when the block lifts").isAfter(Instant.now().plusSeconds(15));
        assertThat(harness.countInStatus(MessageStatus.SCHEDULED)).isEqualTo(1);

        expireBlock(device);
        // Reconcile-free path: the block lifting is noticed when the postponed entry comes due; move it now.
        engine.queue().enqueue(List.of(com.sendline.domain.scheduling.DueEntry.of(m)));
        await("sent after the block", Duration.ofSeconds(20), () -> harness.countInStatus(MessageStatus.SENT) == 1);
        assertThat(driver.duplicates()).isEmpty();
    }

    @Test
    void failed_sends_are_retried_with_backoff_and_end_failed_with_the_reason_after_the_last_attempt() {
        harness = new EngineHarness(1);
        SimulatorDriver driver = new SimulatorDriver(SimulatorSettings.instant().withSendFailureRate(1.0));
        SchedulingEngine engine = harness.engine(EngineConfig.forTests("w1", 2), driver, new CountingMetrics());
        ScheduledMessage m = harness.schedule(engine, 1, 1, Instant.now()).getFirst();
        engine.worker().start();
        await("first attempt failed and rescheduled", Duration.ofSeconds(10),
                () -> engine.messages().find(harness.business, m.id()).orElseThrow().attempts() == 1
                        && engine.messages().find(harness.business, m.id()).orElseThrow().status()
                        == MessageStatus.SCHEDULED);
        ScheduledMessage afterOne = engine.messages().find(harness.business, m.id()).orElseThrow();
        assertThat(afterOne.lastError()).startsWith("SIMULATED_FAILURE");
        assertThat(afterOne.dueAt()).isAfter(Instant.now().plusSeconds(5));

        // Skip the waits: make it due again until the attempts run out.
        for (int i = 0; i < 6; i++) {
            // Read before making it due: a worker quick enough to claim and fail it again before this line would
            // otherwise leave nothing to wait for.
            int attemptsBefore = engine.messages().find(harness.business, m.id()).orElseThrow().attempts();
            harness.db.write().update("update messages set due_at = now() where id = ? and status = 'scheduled'",
                    ps -> ps.setObject(1, m.id().value()));
            engine.queue().enqueue(List.of(com.sendline.domain.scheduling.DueEntry.of(
                    engine.messages().find(harness.business, m.id()).orElseThrow())));
            // Wait for the attempt's outcome, not just its claim (attempts count up at the claim): a message still
            // 'sending' would not be made due again by the update at the top of the next round.
            await("attempt ran", Duration.ofSeconds(10), () -> {
                ScheduledMessage now = engine.messages().find(harness.business, m.id()).orElseThrow();
                return now.status() == MessageStatus.FAILED
                        || (now.attempts() > attemptsBefore && now.status() == MessageStatus.SCHEDULED);
            });
            if (engine.messages().find(harness.business, m.id()).orElseThrow().status() == MessageStatus.FAILED) {
                break;
            }
        }
        ScheduledMessage last = engine.messages().find(harness.business, m.id()).orElseThrow();
        assertThat(last.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(last.attempts()).isEqualTo(5);
        assertThat(last.lastError()).startsWith("SIMULATED_FAILURE");
        assertThat(driver.deliveredCount()).isZero();
    }
}
