package com.sendline.bootstrap.engine;

import com.sendline.adapters.postgres.PostgresWebhookDeliveries;
import com.sendline.application.operations.RetentionLoop;
import com.sendline.adapters.simulator.SimulatorDriver;
import com.sendline.adapters.simulator.SimulatorSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The retention loop forgets old processed webhook events and old finished deliveries, and nothing else. */
class RetentionTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private EngineHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    private long event(String key, Duration age, boolean processed, boolean pending) {
        long id = harness.db.write().one("""
                insert into webhook_events (platform, business_id, device_id, event_key, kind, provider_message_id,
                                            status, occurred_at, received_at, processed_at, outcome)
                values ('whatsapp-cloud', ?, ?, ?, 'receipt', ?, 'delivered', ?, ?, ?, ?) returning id
                """, ps -> {
            ps.setObject(1, harness.business.value());
            ps.setObject(2, harness.devices.getFirst().id().value());
            ps.setString(3, key);
            ps.setString(4, "wamid." + key);
            ps.setTimestamp(5, Timestamp.from(NOW.minus(age)));
            ps.setTimestamp(6, Timestamp.from(NOW.minus(age)));
            ps.setTimestamp(7, processed ? Timestamp.from(NOW.minus(age)) : null);
            ps.setString(8, processed ? "APPLIED" : null);
        }, rs -> rs.getLong(1)).orElseThrow();
        if (pending) {
            harness.db.write().update("insert into webhook_pending (event_id, process_after) values (?, ?)", ps -> {
                ps.setLong(1, id);
                ps.setTimestamp(2, Timestamp.from(NOW));
            });
        }
        return id;
    }

    private void delivery(UUID subscription, String status, Duration age) {
        harness.db.write().update("""
                insert into webhook_deliveries (id, subscription_id, business_id, event, data, status, attempts,
                                                next_attempt_at, created_at, delivered_at)
                values (?, ?, ?, 'message.sent', '{}'::jsonb, ?, 1, ?, ?, ?)
                """, ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, subscription);
            ps.setObject(3, harness.business.value());
            ps.setString(4, status);
            boolean open = status.equals("pending") || status.equals("failed");
            ps.setTimestamp(5, open ? Timestamp.from(NOW) : null);
            ps.setTimestamp(6, Timestamp.from(NOW.minus(age)));
            ps.setTimestamp(7, status.equals("delivered") ? Timestamp.from(NOW.minus(age)) : null);
        });
    }

    private List<String> remaining(String sql) {
        return harness.db.write().list(sql, ps -> { }, rs -> rs.getString(1));
    }

    @Test
    void old_processed_events_and_old_finished_deliveries_go_everything_else_stays() {
        harness = new EngineHarness(1);
        SchedulingEngine engine = harness.engine(EngineConfig.forTests("w1", 2),
                new SimulatorDriver(SimulatorSettings.instant()), new CountingMetrics(), Clock.systemUTC());
        event("old-done", Duration.ofDays(9), true, false);
        event("old-retrying", Duration.ofDays(9), true, true);
        event("old-unprocessed", Duration.ofDays(9), false, false);
        event("recent-done", Duration.ofDays(6), true, false);
        UUID subscription = UUID.randomUUID();
        harness.db.write().update("""
                insert into webhook_subscriptions (id, business_id, url, events, secret, created_at)
                values (?, ?, 'https://hooks.example/x', array['message.sent'], 'whsec_test', now())
                """, ps -> {
            ps.setObject(1, subscription);
            ps.setObject(2, harness.business.value());
        });
        delivery(subscription, "delivered", Duration.ofDays(31));
        delivery(subscription, "dead", Duration.ofDays(31));
        delivery(subscription, "failed", Duration.ofDays(31));
        delivery(subscription, "delivered", Duration.ofDays(29));

        RetentionLoop loop = new RetentionLoop(engine.inbox(), new PostgresWebhookDeliveries(harness.db, harness.sealer),
                new RetentionLoop.Retention(Duration.ofDays(8), Duration.ofDays(30)), Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofHours(1));
        loop.start();
        try {
            // Both sweeps run in one pass, but wait for each: the deliveries' may finish after the events'.
            for (int i = 0; i < 100 && (remaining("select event_key from webhook_events").size() > 3
                    || remaining("select status from webhook_deliveries").size() > 2); i++) {
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            loop.stop();
        }

        assertThat(remaining("select event_key from webhook_events"))
                .containsExactlyInAnyOrder("old-retrying", "old-unprocessed", "recent-done");
        // Ages against the loop's fixed clock, not the database's now(): the rows are dated from NOW.
        assertThat(harness.db.write().list(
                "select status || ':' || (created_at > ?::timestamptz - interval '30 days') from webhook_deliveries",
                ps -> ps.setTimestamp(1, Timestamp.from(NOW)), rs -> rs.getString(1)))
                .containsExactlyInAnyOrder("failed:false", "delivered:true");
    }

    @Test
    void events_cannot_be_kept_for_less_than_metas_redelivery_horizon() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RetentionLoop.Retention(Duration.ofDays(7),
                Duration.ofDays(30))).hasMessageContaining("7-day");
    }
}
