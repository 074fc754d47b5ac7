package com.sendline.bootstrap.engine;

import com.sendline.adapters.simulator.Delivery;
import com.sendline.adapters.simulator.SimulatorDriver;
import com.sendline.adapters.simulator.SimulatorSettings;
import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.scheduling.ScheduledMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.sendline.bootstrap.engine.EngineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every message goes out once — not zero times, not twice — while workers stop mid-batch, Redis forgets
 * everything, and two workers fight over the same due set. Real Postgres, real Redis, the simulator driver.
 */
class ExactlyOnceTest {
    private EngineHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    private static SimulatorDriver simulator(Duration send) {
        return new SimulatorDriver(SimulatorSettings.instant().withSendLatency(send)
                .withConnectLatency(Duration.ofMillis(5)));
    }

    @Test
    void messages_due_in_a_moment_go_out_on_time_exactly_once() {
        harness = new EngineHarness(10);
        SimulatorDriver driver = simulator(Duration.ZERO);
        SchedulingEngine engine = harness.engine(EngineConfig.forTests("w1", 10), driver, new CountingMetrics());
        engine.worker().start();
        Instant due = Instant.now().plusMillis(1_500);
        List<ScheduledMessage> scheduled = harness.schedule(engine, 10, 20, due);

        await("all 200 sent", Duration.ofSeconds(30), () -> harness.countInStatus(MessageStatus.SENT) == 200);

        assertThat(driver.deliveredCount()).isEqualTo(200);
        assertThat(driver.duplicates()).isEmpty();
        assertThat(driver.violations()).isEmpty();
        for (Delivery d : driver.deliveries()) {
            // Not before its instant, and — event-driven, no fixed poll — not long after it either.
            assertThat(d.calledAt()).isAfterOrEqualTo(due);
            assertThat(Duration.between(due, d.calledAt())).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(scheduled).allSatisfy(m -> assertThat(driver.deliveryOf(m.id())).isPresent());
        assertThat(engine.queueDepth()).isZero();
    }

    @Test
    void a_message_queued_under_two_entries_in_one_batch_is_sent_once() {
        harness = new EngineHarness(1);
        SimulatorDriver driver = simulator(Duration.ZERO);
        SchedulingEngine engine = harness.engine(EngineConfig.forTests("w1", 2), driver, new CountingMetrics());
        List<ScheduledMessage> scheduled = harness.schedule(engine, 1, 5, Instant.now().minusSeconds(2));
        // The same messages again under entries with another instant, as a retry plus a reconcile would leave them.
        engine.queue().enqueue(scheduled.stream().map(m -> DueEntry.of(m).at(m.dueAt().plusMillis(1))).toList());
        engine.worker().start();

        await("all 5 sent", Duration.ofSeconds(20), () -> harness.countInStatus(MessageStatus.SENT) == 5);
        await("queue drained", Duration.ofSeconds(10), () -> engine.queueDepth() == 0);
        assertThat(driver.deliveredCount()).isEqualTo(5);
        assertThat(driver.duplicates()).isEmpty();
    }

    @Test
    void a_worker_halted_mid_batch_leaves_its_leases_to_expire_and_another_sends_the_rest_once() {
        harness = new EngineHarness(5);
        SimulatorDriver driver = simulator(Duration.ofMillis(15));
        SchedulingEngine a = harness.engine(EngineConfig.forTests("worker-a", 5), driver, new CountingMetrics());
        harness.schedule(a, 5, 60, Instant.now());
        a.worker().start();
        await("worker A has sent part of the batch", Duration.ofSeconds(30), () -> driver.deliveredCount() >= 20);
        a.worker().halt();
        long byA = driver.deliveredCount();
        assertThat(byA).isLessThan(300);

        SchedulingEngine b = harness.engine(EngineConfig.forTests("worker-b", 5), driver, new CountingMetrics());
        b.worker().start();
        await("all 300 sent", Duration.ofSeconds(60), () -> harness.countInStatus(MessageStatus.SENT) == 300);

        assertThat(driver.deliveredCount()).isEqualTo(300);
        assertThat(driver.duplicates()).isEmpty();
        assertThat(harness.countInStatus(MessageStatus.SENDING)).isZero();
    }

    @Test
    void after_redis_is_flushed_mid_run_reconcile_restores_every_pending_message() throws Exception {
        harness = new EngineHarness(4);
        SimulatorDriver driver = simulator(Duration.ofMillis(5));
        SchedulingEngine engine = harness.engine(EngineConfig.forTests("w1", 5), driver, new CountingMetrics());
        harness.schedule(engine, 4, 25, Instant.now());
        harness.schedule(engine, 4, 25, Instant.now().plusSeconds(2));
        engine.worker().start();
        await("some sent", Duration.ofSeconds(30), () -> driver.deliveredCount() >= 10);
        try (StatefulRedisConnection<String, String> c = harness.redisClient.connect()) {
            c.sync().flushall();
        }
        try {
            await("all 200 sent after the flush", Duration.ofSeconds(30),
                    () -> harness.countInStatus(MessageStatus.SENT) == 200);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + harness.diagnose(engine));
        }

        assertThat(driver.deliveredCount()).isEqualTo(200);
        assertThat(driver.duplicates()).isEmpty();
        assertThat(driver.maxConnectedAtOnce()).isLessThanOrEqualTo(5);
    }

    @Test
    void two_workers_racing_on_one_due_set_and_replayed_entries_send_each_message_once() {
        harness = new EngineHarness(20);
        SimulatorDriver driver = simulator(Duration.ofMillis(2));
        SchedulingEngine a = harness.engine(EngineConfig.forTests("worker-a", 8), driver, new CountingMetrics());
        SchedulingEngine b = harness.engine(EngineConfig.forTests("worker-b", 8), driver, new CountingMetrics());
        List<ScheduledMessage> scheduled = harness.schedule(a, 20, 25, Instant.now().plusMillis(500));
        a.worker().start();
        b.worker().start();
        await("all 500 sent", Duration.ofSeconds(60), () -> harness.countInStatus(MessageStatus.SENT) == 500);

        // Replay: the same entries offered again, as an expired lease or a stale reconcile would.
        a.queue().enqueue(scheduled.subList(0, 100).stream().map(DueEntry::of).toList());
        await("replayed entries consumed", Duration.ofSeconds(20), () -> a.queueDepth() == 0);

        assertThat(driver.deliveredCount()).isEqualTo(500);
        assertThat(driver.duplicates()).isEmpty();
        assertThat(driver.violations()).isEmpty();
        assertThat(driver.maxConnectedAtOnce()).isLessThanOrEqualTo(8);
    }
}
