package com.sendline.bootstrap.engine;

import com.sendline.adapters.simulator.SimulatorDriver;
import com.sendline.adapters.simulator.SimulatorSettings;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.inbound.DeliveryReceipt;
import com.sendline.domain.inbound.InboundEvent;
import com.sendline.domain.inbound.IncomingMessage;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.scheduling.ScheduledMessage;
import com.sendline.domain.scheduling.SendResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The processing half of inbound webhooks, driven batch by batch against real Postgres. */
class InboundProcessingTest {
    private EngineHarness harness;
    private SchedulingEngine engine;
    private Device device;

    @BeforeEach
    void setUp() {
        harness = new EngineHarness(1);
        engine = harness.engine(EngineConfig.forTests("w1", 2), new SimulatorDriver(SimulatorSettings.instant()),
                new CountingMetrics(), Clock.systemUTC());
        device = harness.devices.getFirst();
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    /** A message taken through claim and outcome as the dispatcher does, ending 'sent' with Meta's id. */
    private ScheduledMessage sent(String wamid) {
        ScheduledMessage m = harness.schedule(engine, 1, 1, Instant.now()).getFirst();
        ScheduledMessage claimed = engine.messages().claim(List.of(m.id()), Instant.now()).getFirst();
        engine.messages().finish(List.of(new SendResult(claimed.sent(), wamid)));
        return m;
    }

    private InboundEvent receipt(String wamid, MessageStatus status, MessageId ours) {
        return new InboundEvent(InboundEvent.CLOUD_API, harness.business, device.id(),
                new DeliveryReceipt(wamid, Optional.ofNullable(ours), status, Instant.now(), null));
    }

    private MessageStatus status(ScheduledMessage m) {
        return engine.messages().find(harness.business, m.id()).orElseThrow().status();
    }

    private List<String> outcomes() {
        return harness.db.write().list("select outcome from webhook_events order by id", ps -> {
        }, rs -> rs.getString(1));
    }

    @Test
    void receipts_of_one_message_in_one_batch_leave_the_furthest_status_whatever_their_order() {
        ScheduledMessage a = sent("wamid.A");
        ScheduledMessage b = sent("wamid.B");
        engine.inbox().record(List.of(
                receipt("wamid.A", MessageStatus.READ, null),
                receipt("wamid.A", MessageStatus.DELIVERED, null),
                receipt("wamid.B", MessageStatus.DELIVERED, b.id()),
                receipt("wamid.B", MessageStatus.READ, b.id()),
                receipt("wamid.B", MessageStatus.SENT, b.id())), Instant.now());

        assertThat(engine.processInbound().processBatch()).isEqualTo(5);

        assertThat(status(a)).isEqualTo(MessageStatus.READ);
        assertThat(status(b)).isEqualTo(MessageStatus.READ);
        // B was already 'sent': that receipt changes nothing in any order.
        assertThat(harness.db.write().list("select outcome from webhook_events where event_key like '%wamid.B:sent'",
                ps -> {
                }, rs -> rs.getString(1))).containsExactly("STALE");
        assertThat(outcomes()).hasSize(5).doesNotContainNull();
    }

    @Test
    void a_receipt_that_overtakes_the_sends_own_record_is_tried_again_later_and_then_applies() {
        ScheduledMessage m = harness.schedule(engine, 1, 1, Instant.now()).getFirst();
        ScheduledMessage claimed = engine.messages().claim(List.of(m.id()), Instant.now()).getFirst();
        engine.inbox().record(List.of(receipt("wamid.C", MessageStatus.DELIVERED, m.id())), Instant.now());

        engine.processInbound().processBatch();
        assertThat(outcomes()).containsExactly("NOT_YET_RECORDED");
        assertThat(engine.inbox().backlog()).isEqualTo(1);

        engine.messages().finish(List.of(new SendResult(claimed.sent(), "wamid.C")));
        harness.db.write().update("update webhook_pending set process_after = now()", ps -> {
        });
        engine.processInbound().processBatch();

        assertThat(status(m)).isEqualTo(MessageStatus.DELIVERED);
        assertThat(outcomes()).containsExactly("APPLIED");
        assertThat(engine.inbox().backlog()).isZero();
    }

    @Test
    void a_receipt_never_touches_another_businesss_message_even_with_its_id() {
        ScheduledMessage theirs = sent("wamid.THEIRS");
        Device other = harness.addBusinessWithDevice(7);
        InboundEvent forged = new InboundEvent(InboundEvent.CLOUD_API, other.businessId(), other.id(),
                new DeliveryReceipt("wamid.THEIRS", Optional.of(theirs.id()), MessageStatus.FAILED, Instant.now(),
                        "GRAPH_131026: Message undeliverable"));
        engine.inbox().record(List.of(forged), Instant.now());

        engine.processInbound().processBatch();

        assertThat(status(theirs)).isEqualTo(MessageStatus.SENT);
        assertThat(outcomes()).containsExactly("UNKNOWN_MESSAGE");
    }

    @Test
    void customers_messages_are_kept_once_and_the_window_follows_the_latest_whatever_the_order() {
        PhoneNumber kerry = new PhoneNumber("+4915122220001");
        // Whole seconds, as Meta's timestamps are.
        Instant earlier = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        Instant later = Instant.now().minus(Duration.ofMinutes(5)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        InboundEvent second = new InboundEvent(InboundEvent.CLOUD_API, harness.business, device.id(),
                new IncomingMessage("wamid.M2", kerry, later, "text", "second", "Kerry"));
        InboundEvent first = new InboundEvent(InboundEvent.CLOUD_API, harness.business, device.id(),
                new IncomingMessage("wamid.M1", kerry, earlier, "text", "first", "Kerry"));

        assertThat(engine.inbox().record(List.of(second, first, second), Instant.now())).hasSize(2);
        engine.processInbound().processBatch();
        assertThat(engine.inbox().record(List.of(first), Instant.now())).isEmpty();

        assertThat(engine.windows().find(device.id(), kerry)).hasValueSatisfying(w -> {
            assertThat(w.lastInboundAt()).isEqualTo(later);
            assertThat(w.isOpenAt(Instant.now())).isTrue();
        });
        assertThat(harness.db.write().one("select count(*) from inbound_messages", ps -> {
        }, rs -> rs.getLong(1))).contains(2L);
    }

    @Test
    void where_no_worker_runs_the_intake_leaves_events_due_at_once_for_another_instances_sweep() {
        var number = engine.addCloudNumber().add(new com.sendline.application.devices.AddCloudNumber.Request(
                harness.business, "Support", "+49 30 1234567", "106540352242922", "token-1", "secret-1", "verify-1"));
        String body = com.sendline.fakes.graphapi.MetaWebhooks.incomingText("106540352242922", "49301234567",
                "4915122220009", "Kerry", "wamid.SWEEP", "hello", Instant.now());
        // This engine's worker (and so its inbound loop) was never started: an API-only instance.

        var receipt = engine.receiveCloudWebhook().receive(body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                com.sendline.fakes.graphapi.MetaWebhooks.signature(body, "secret-1"));

        assertThat(receipt.events()).isEqualTo(1);
        assertThat(engine.inbox().backlog()).isEqualTo(1);
        SchedulingEngine worker = harness.engine(EngineConfig.forTests("w2", 2),
                new SimulatorDriver(SimulatorSettings.instant()), new CountingMetrics(), Clock.systemUTC());
        assertThat(worker.processInbound().processBatch()).isEqualTo(1);
        assertThat(engine.inbox().backlog()).isZero();
        assertThat(worker.windows().find(number.id(), new PhoneNumber("+4915122220009"))).isPresent();
    }
}
