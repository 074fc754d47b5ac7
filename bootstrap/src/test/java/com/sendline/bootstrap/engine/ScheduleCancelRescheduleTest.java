package com.sendline.bootstrap.engine;

import com.sendline.adapters.simulator.SimulatorDriver;
import com.sendline.adapters.simulator.SimulatorSettings;
import com.sendline.application.scheduling.ScheduleMessage;
import com.sendline.application.scheduling.UnknownDevice;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.scheduling.NotAllowedNow;
import com.sendline.domain.scheduling.ScheduledMessage;
import com.sendline.domain.tenancy.BusinessId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static com.sendline.bootstrap.engine.EngineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleCancelRescheduleTest {
    private EngineHarness harness;
    private SimulatorDriver driver;
    private SchedulingEngine engine;

    @BeforeEach
    void setUp() {
        harness = new EngineHarness(1);
        driver = new SimulatorDriver(SimulatorSettings.instant());
        engine = harness.engine(EngineConfig.forTests("w1", 2), driver, new CountingMetrics());
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private ScheduleMessage.Request request(String to, String body, Instant at) {
        return new ScheduleMessage.Request(harness.business, harness.devices.getFirst().id(), to, body, at);
    }

    @Test
    void a_message_is_stored_with_a_normalised_recipient_and_queued_at_its_instant() {
        Instant at = Instant.now().plusSeconds(3600);
        ScheduledMessage m = engine.scheduleMessage().schedule(request("+49 (151) 2345-6789", "Hi", at));
        assertThat(m.recipient().e164()).isEqualTo("+4915123456789");
        assertThat(m.status()).isEqualTo(MessageStatus.SCHEDULED);
        assertThat(engine.messages().find(harness.business, m.id())).contains(m);
        assertThat(engine.queue().earliestDue(DueEntry.of(m).partition())).contains(m.dueAt());
    }

    @Test
    void no_send_instant_or_one_in_the_past_means_now() {
        Instant before = Instant.now().minusMillis(1);
        ScheduledMessage m = engine.scheduleMessage().schedule(request("+4915123456789", "Hi",
                Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(m.dueAt()).isAfter(before);
    }

    @Test
    void bad_input_and_other_tenants_devices_are_refused_and_nothing_is_stored() {
        assertThatThrownBy(() -> engine.scheduleMessage().schedule(request("not a number", "Hi", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.scheduleMessage().schedule(request("+4915123456789", "  ", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> engine.scheduleMessage().schedule(request("+4915123456789", "x".repeat(4097), null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4096");
        assertThatThrownBy(() -> engine.scheduleMessage().schedule(new ScheduleMessage.Request(BusinessId.random(),
                harness.devices.getFirst().id(), "+4915123456789", "Hi", null))).isInstanceOf(UnknownDevice.class);
        assertThatThrownBy(() -> engine.scheduleMessage().schedule(new ScheduleMessage.Request(harness.business,
                DeviceId.random(), "+4915123456789", "Hi", null))).isInstanceOf(UnknownDevice.class);
        assertThat(harness.countInStatus(MessageStatus.SCHEDULED)).isZero();
    }

    @Test
    void a_cancelled_message_is_never_sent() {
        ScheduledMessage m = engine.scheduleMessage().schedule(request("+4915123456789", "Hi",
                Instant.now().plusMillis(800)));
        assertThat(engine.cancelMessage().cancel(harness.business, m.id()).status())
                .isEqualTo(MessageStatus.CANCELLED);
        // Even a stale queue entry for it is refused by the gate.
        engine.queue().enqueue(List.of(DueEntry.of(m)));
        engine.worker().start();
        await("queue drained", Duration.ofSeconds(10), () -> engine.queueDepth() == 0);
        assertThat(driver.deliveredCount()).isZero();
        assertThat(engine.messages().find(harness.business, m.id()).orElseThrow().status())
                .isEqualTo(MessageStatus.CANCELLED);
    }

    @Test
    void once_a_worker_has_claimed_a_message_cancelling_answers_already_sending() {
        ScheduledMessage m = engine.scheduleMessage().schedule(request("+4915123456789", "Hi", null));
        assertThat(engine.messages().claim(List.of(m.id()), Instant.now().plusSeconds(1))).hasSize(1);
        assertThatThrownBy(() -> engine.cancelMessage().cancel(harness.business, m.id()))
                .isInstanceOfSatisfying(NotAllowedNow.class, e -> assertThat(e.code()).isEqualTo("ALREADY_SENDING"));
        assertThatThrownBy(() -> engine.rescheduleMessage().reschedule(harness.business, m.id(),
                Instant.now().plusSeconds(60)))
                .isInstanceOfSatisfying(NotAllowedNow.class, e -> assertThat(e.code()).isEqualTo("ALREADY_SENDING"));
    }

    @Test
    void a_rescheduled_message_goes_out_at_its_new_instant_only() {
        ScheduledMessage m = engine.scheduleMessage().schedule(request("+4915123456789", "Hi",
                Instant.now().plusSeconds(3600)));
        Instant soon = Instant.now().plusMillis(700);
        engine.rescheduleMessage().reschedule(harness.business, m.id(), soon);
        engine.worker().start();
        await("sent", Duration.ofSeconds(10), () -> driver.deliveredCount() == 1);
        assertThat(driver.deliveries().getFirst().calledAt()).isAfterOrEqualTo(soon.truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS));
        assertThat(engine.queueDepth()).isZero();
    }

    @Test
    void another_business_cannot_see_cancel_or_move_a_message() {
        ScheduledMessage m = engine.scheduleMessage().schedule(request("+4915123456789", "Hi",
                Instant.now().plusSeconds(3600)));
        BusinessId other = BusinessId.random();
        assertThat(engine.messages().find(other, m.id())).isEmpty();
        assertThatThrownBy(() -> engine.cancelMessage().cancel(other, m.id()))
                .isInstanceOf(com.sendline.application.scheduling.UnknownMessage.class);
        assertThat(engine.messages().find(harness.business, m.id()).orElseThrow().status())
                .isEqualTo(MessageStatus.SCHEDULED);
    }
}
