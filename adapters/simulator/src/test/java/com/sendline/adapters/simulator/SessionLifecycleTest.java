package com.sendline.adapters.simulator;

import com.sendline.domain.device.Device;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.SendFailure;
import com.sendline.domain.session.SessionEvents.Disconnect;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.sendline.adapters.simulator.Fixtures.CUSTOMER;
import static com.sendline.adapters.simulator.Fixtures.HELLO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SessionLifecycleTest {
    private final SimulatorDriver driver = new SimulatorDriver(SimulatorSettings.instant());

    @Test
    void drivesTheSimulatorChannelOnly() {
        assertThat(driver.channel()).isEqualTo(com.sendline.domain.device.Channel.SIMULATOR);
        assertThatThrownBy(() -> driver.connect(Fixtures.webDevice(), new RecordingEvents()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("WEB");
        assertThat(driver.connectedNow()).isZero();
    }

    @Test
    void aClosedSessionRefusesToSendAndSaysTheSessionIsBroken() throws Exception {
        RecordingEvents events = new RecordingEvents();
        SimulatorSession session = driver.connect(Fixtures.simulatorDevice(), events);
        session.close();

        SendFailure failure = catchThrowableOfType(SendFailure.class,
                () -> session.send(MessageId.random(), CUSTOMER, HELLO));

        assertThat(failure.code()).isEqualTo("SESSION_CLOSED");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.sessionBroken()).isTrue();
        assertThat(session.isOpen()).isFalse();
        assertThat(driver.deliveredCount()).isZero();
        assertThat(events.seen()).as("closing on request is not news").isEmpty();
    }

    @Test
    void closingTwiceCountsOnce() throws Exception {
        SimulatorSession session = driver.connect(Fixtures.simulatorDevice(), new RecordingEvents());
        SimulatorSession other = driver.connect(Fixtures.simulatorDevice(), new RecordingEvents());

        session.close();
        session.close();

        assertThat(driver.connectedNow()).isEqualTo(1);
        assertThat(other.isOpen()).isTrue();
    }

    @Test
    void aSecondSessionForTheSameDeviceIsAViolationAndKicksTheFirst() throws Exception {
        Device device = Fixtures.simulatorDevice();
        RecordingEvents firstEvents = new RecordingEvents();
        SimulatorSession first = driver.connect(device, firstEvents);

        SimulatorSession second = driver.connect(device, new RecordingEvents());

        assertThat(driver.violations()).singleElement().asString().contains(device.id().toString());
        assertThat(firstEvents.awaitNext()).isEqualTo(Disconnect.CONNECTION_LOST);
        assertThat(first.isOpen()).isFalse();
        assertThat(second.isOpen()).isTrue();
        assertThat(driver.connectedNow()).isEqualTo(1);
    }

    @Test
    void reconnectingAfterClosingIsNoViolation() throws Exception {
        Device device = Fixtures.simulatorDevice();

        driver.connect(device, new RecordingEvents()).close();
        driver.connect(device, new RecordingEvents()).close();

        assertThat(driver.violations()).isEmpty();
        assertThat(driver.connects()).isEqualTo(2);
    }

    @Test
    void scriptedConnectFailuresComeInOrderThenConnectsSucceed() throws Exception {
        Device device = Fixtures.simulatorDevice();
        Device bystander = Fixtures.simulatorDevice();
        driver.failNextConnects(device.id(), 2, Disconnect.STREAM_ERROR_515);
        driver.failNextConnects(device.id(), 1, Disconnect.CONNECTION_LOST);

        assertThat(connectFailure(device)).isEqualTo(Disconnect.STREAM_ERROR_515);
        assertThat(driver.connect(bystander, new RecordingEvents()).isOpen()).as("other devices unaffected").isTrue();
        assertThat(connectFailure(device)).isEqualTo(Disconnect.STREAM_ERROR_515);
        assertThat(connectFailure(device)).isEqualTo(Disconnect.CONNECTION_LOST);
        assertThat(driver.connect(device, new RecordingEvents()).isOpen()).isTrue();

        assertThat(driver.connectAttempts()).isEqualTo(5);
        assertThat(driver.connects()).isEqualTo(2);
        assertThat(driver.connectedNow()).isEqualTo(2);
    }

    @Test
    void disconnectAllDropsEverySessionAndTellsEach() throws Exception {
        RecordingEvents a = new RecordingEvents();
        RecordingEvents b = new RecordingEvents();
        RecordingEvents closedEarlier = new RecordingEvents();
        SimulatorSession sessionA = driver.connect(Fixtures.simulatorDevice(), a);
        SimulatorSession sessionB = driver.connect(Fixtures.simulatorDevice(), b);
        driver.connect(Fixtures.simulatorDevice(), closedEarlier).close();

        driver.disconnectAll(Disconnect.STREAM_ERROR_515);

        assertThat(a.seen()).containsExactly(Disconnect.STREAM_ERROR_515);
        assertThat(b.seen()).containsExactly(Disconnect.STREAM_ERROR_515);
        assertThat(closedEarlier.seen()).isEmpty();
        assertThat(sessionA.isOpen()).isFalse();
        assertThat(sessionB.isOpen()).isFalse();
        assertThat(driver.connectedNow()).isZero();
        assertThatThrownBy(() -> sessionA.send(MessageId.random(), CUSTOMER, HELLO))
                .isInstanceOfSatisfying(SendFailure.class, f -> assertThat(f.sessionBroken()).isTrue());
    }

    @Test
    void disconnectDropsOnlyTheNamedDevice() throws Exception {
        Device device = Fixtures.simulatorDevice();
        RecordingEvents dropped = new RecordingEvents();
        RecordingEvents kept = new RecordingEvents();
        driver.connect(device, dropped);
        SimulatorSession other = driver.connect(Fixtures.simulatorDevice(), kept);

        assertThat(driver.disconnect(device.id(), Disconnect.LOGGED_OUT)).isTrue();
        assertThat(driver.disconnect(device.id(), Disconnect.LOGGED_OUT)).isFalse();

        assertThat(dropped.seen()).containsExactly(Disconnect.LOGGED_OUT);
        assertThat(kept.seen()).isEmpty();
        assertThat(other.isOpen()).isTrue();
    }

    @Test
    void connectTakesAtLeastTheConnectLatency() throws Exception {
        var slow = new SimulatorDriver(SimulatorSettings.instant().withConnectLatency(Duration.ofMillis(100)));

        long started = System.nanoTime();
        slow.connect(Fixtures.simulatorDevice(), new RecordingEvents()).close();

        // Only a lower bound: a sleep is never shorter, but a busy machine can make it much longer.
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
    }

    private Disconnect connectFailure(Device device) {
        return catchThrowableOfType(ConnectFailure.class, () -> driver.connect(device, new RecordingEvents())).kind();
    }
}
