package com.sendline.adapters.simulator;

import com.sendline.domain.device.Device;
import com.sendline.domain.device.PhoneNumber;
import com.sendline.domain.scheduling.MessageBody;
import com.sendline.domain.scheduling.MessageId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static com.sendline.adapters.simulator.Fixtures.CUSTOMER;
import static com.sendline.adapters.simulator.Fixtures.HELLO;
import static org.assertj.core.api.Assertions.assertThat;

class DeliveryRecordingTest {
    private static final Instant NINE_AM = Instant.parse("2025-03-01T09:00:00Z");

    @Test
    void recordsWhatWasSentFromWhichDeviceToWhomAndWhen() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant(), new SteppingClock(NINE_AM, Duration.ofSeconds(1)));
        Device device = Fixtures.simulatorDevice();
        MessageId id = MessageId.random();

        String providerId;
        try (SimulatorSession session = driver.connect(device, new RecordingEvents())) {
            providerId = session.send(id, CUSTOMER, HELLO);
        }

        assertThat(providerId).startsWith("sim-");
        assertThat(driver.deliveredCount()).isEqualTo(1);
        assertThat(driver.deliveries()).singleElement().satisfies(delivery -> {
            assertThat(delivery.messageId()).isEqualTo(id);
            assertThat(delivery.deviceId()).isEqualTo(device.id());
            assertThat(delivery.to()).isEqualTo(CUSTOMER);
            assertThat(delivery.text()).isEqualTo(HELLO.text());
            assertThat(delivery.providerId()).isEqualTo(providerId);
            assertThat(delivery.calledAt()).isEqualTo(NINE_AM);
            assertThat(delivery.sentAt()).isAfter(delivery.calledAt());
        });
        assertThat(driver.deliveryOf(id)).map(Delivery::providerId).contains(providerId);
        assertThat(driver.deliveryOf(MessageId.random())).isEmpty();
    }

    @Test
    void aMessageSentTwiceIsADuplicate() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant());
        MessageId twice = MessageId.random();
        MessageId once = MessageId.random();

        try (SimulatorSession session = driver.connect(Fixtures.simulatorDevice(), new RecordingEvents())) {
            session.send(twice, CUSTOMER, HELLO);
            session.send(once, CUSTOMER, HELLO);
            session.send(twice, CUSTOMER, HELLO);
        }

        assertThat(driver.duplicates()).containsExactly(twice);
        assertThat(driver.deliveryCounts()).containsEntry(twice, 2).containsEntry(once, 1).hasSize(2);
        assertThat(driver.deliveredCount()).isEqualTo(3);
    }

    @Test
    void twoDifferentMessagesWithTheSameTextAreNotDuplicates() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant());

        try (SimulatorSession session = driver.connect(Fixtures.simulatorDevice(), new RecordingEvents())) {
            session.send(MessageId.random(), CUSTOMER, HELLO);
            session.send(MessageId.random(), CUSTOMER, HELLO);
        }

        assertThat(driver.duplicates()).isEmpty();
    }

    @Test
    void keepsDeliveriesInTheOrderTheyWereAccepted() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant());
        List<MessageId> sent = new ArrayList<>();

        try (SimulatorSession session = driver.connect(Fixtures.simulatorDevice(), new RecordingEvents())) {
            for (int i = 0; i < 20; i++) {
                MessageId id = MessageId.random();
                sent.add(id);
                session.send(id, new PhoneNumber("+49151000000" + (10 + i)), new MessageBody("message " + i));
            }
        }

        assertThat(driver.deliveries()).extracting(Delivery::messageId).containsExactlyElementsOf(sent);
    }

    @Test
    void listenerSeesEachDeliveryBeforeSendReturnsUntilItUnregisters() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant());
        List<Delivery> heard = new ArrayList<>();
        MessageId first = MessageId.random();

        try (SimulatorSession session = driver.connect(Fixtures.simulatorDevice(), new RecordingEvents())) {
            try (Registration registration = driver.onDelivery(heard::add)) {
                session.send(first, CUSTOMER, HELLO);
                assertThat(heard).extracting(Delivery::messageId).containsExactly(first);
            }
            session.send(MessageId.random(), CUSTOMER, HELLO);
        }

        assertThat(heard).hasSize(1);
        assertThat(driver.deliveredCount()).isEqualTo(2);
    }

    @Test
    void aThrowingListenerDoesNotFailTheSendButIsReported() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant());
        driver.onDelivery(delivery -> {
            throw new IllegalStateException("benchmark bug");
        });

        try (SimulatorSession session = driver.connect(Fixtures.simulatorDevice(), new RecordingEvents())) {
            assertThat(session.send(MessageId.random(), CUSTOMER, HELLO)).startsWith("sim-");
        }

        assertThat(driver.deliveredCount()).isEqualTo(1);
        assertThat(driver.violations()).singleElement().asString().contains("benchmark bug");
    }

    @Test
    void resetForgetsDeliveriesAndCounters() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant());
        MessageId id = MessageId.random();
        try (SimulatorSession session = driver.connect(Fixtures.simulatorDevice(), new RecordingEvents())) {
            session.send(id, CUSTOMER, HELLO);
            session.send(id, CUSTOMER, HELLO);
        }

        driver.reset();

        assertThat(driver.deliveries()).isEmpty();
        assertThat(driver.deliveredCount()).isZero();
        assertThat(driver.duplicates()).isEmpty();
        assertThat(driver.deliveryOf(id)).isEmpty();
        assertThat(driver.connects()).isZero();
        assertThat(driver.connectAttempts()).isZero();
        assertThat(driver.maxConnectedAtOnce()).isZero();
    }
}
