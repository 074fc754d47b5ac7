package com.sendline.bootstrap.engine;

import com.sendline.adapters.simulator.SimulatorDriver;
import com.sendline.adapters.simulator.SimulatorSettings;
import com.sendline.application.sessions.SessionSettings;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.SessionState;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.session.SlotLease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.sendline.bootstrap.engine.EngineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/** The cap on live sessions holds under load, and sticky sessions give way to due sends. */
class HotSetTest {
    private EngineHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void fifty_devices_due_at_once_are_all_sent_without_ever_exceeding_the_hot_cap() {
        harness = new EngineHarness(50);
        SimulatorDriver driver = new SimulatorDriver(SimulatorSettings.instant()
                .withConnectLatency(Duration.ofMillis(20)).withSendLatency(Duration.ofMillis(5)));
        SchedulingEngine engine = harness.engine(EngineConfig.forTests("w1", 5), driver, new CountingMetrics());
        harness.schedule(engine, 50, 2, Instant.now());
        engine.worker().start();

        await("all 100 sent", Duration.ofSeconds(90), () -> harness.countInStatus(MessageStatus.SENT) == 100);

        assertThat(driver.maxConnectedAtOnce()).isLessThanOrEqualTo(5);
        assertThat(engine.sessions().maxLiveAtOnce()).isLessThanOrEqualTo(5);
        assertThat(driver.connects()).isGreaterThanOrEqualTo(50);
        assertThat(driver.duplicates()).isEmpty();
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void a_due_send_that_finds_every_slot_taken_preempts_the_sticky_session_with_the_least_budget() {
        harness = new EngineHarness(4);
        Device plenty = harness.devices.get(0);
        Device little = harness.devices.get(1);
        Device busy = harness.devices.get(2);
        Device newcomer = harness.devices.get(3);
        SimulatorDriver driver = new SimulatorDriver(SimulatorSettings.instant());
        CountingMetrics metrics = new CountingMetrics();
        // Cap 3: at most 2 sticky; sessions never idle out during the test.
        EngineConfig config = EngineConfig.forTests("w1", 3).withSessions(
                new SessionSettings("w1", Duration.ofSeconds(3), Duration.ofMinutes(5), Duration.ofSeconds(3)));
        SchedulingEngine engine = harness.engine(config, driver, metrics);
        harness.db.write().update("update devices set first_linked_at = now(), sticky_remaining_ms = ? where id = ?",
                ps -> { ps.setLong(1, Duration.ofHours(20).toMillis()); ps.setObject(2, plenty.id().value()); });
        harness.db.write().update("update devices set first_linked_at = now(), sticky_remaining_ms = ? where id = ?",
                ps -> { ps.setLong(1, Duration.ofHours(1).toMillis()); ps.setObject(2, little.id().value()); });
        engine.worker().start();
        await("both sticky devices online", Duration.ofSeconds(20),
                () -> engine.sessions().isLive(plenty.id()) && engine.sessions().isLive(little.id()));

        // The third slot: a send that stays HOT (idle timeout 5 min), then a newcomer with nothing free.
        engine.scheduleMessage().schedule(new com.sendline.application.scheduling.ScheduleMessage.Request(
                harness.business, busy.id(), "+4915123456001", "first", null));
        await("busy device sent and HOT", Duration.ofSeconds(20), () -> driver.deliveredCount() == 1);
        List<SlotLease> held = harness.heldSlots(engine);
        assertThat(held).hasSize(3);
        assertThat(held.stream().filter(SlotLease::sticky)).hasSize(2);

        engine.scheduleMessage().schedule(new com.sendline.application.scheduling.ScheduleMessage.Request(
                harness.business, newcomer.id(), "+4915123456002", "second", null));
        await("newcomer sent", Duration.ofSeconds(20), () -> driver.deliveredCount() == 2);

        assertThat(metrics.preemptions.get()).isEqualTo(1);
        assertThat(engine.sessions().isLive(little.id())).as("least budget preempted").isFalse();
        assertThat(engine.sessions().isLive(plenty.id())).as("most budget kept").isTrue();
        assertThat(harness.deviceState(little)).isEqualTo(SessionState.COLD);
        assertThat(driver.maxConnectedAtOnce()).isLessThanOrEqualTo(3);
        // Its budget stopped burning when it went COLD: what is left is still close to an hour.
        long leftMs = harness.db.write().one("select sticky_remaining_ms(sticky_remaining_ms, sticky_active_since,"
                + " now() + interval '10 minutes') from devices where id = ?",
                ps -> ps.setObject(1, little.id().value()), rs -> rs.getLong(1)).orElseThrow();
        assertThat(leftMs).isBetween(Duration.ofMinutes(55).toMillis(), Duration.ofHours(1).toMillis());
    }
}
