package com.sendline.adapters.simulator;

import com.sendline.domain.device.Device;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.session.ConnectFailure;
import com.sendline.domain.session.SendFailure;
import com.sendline.domain.session.SessionEvents.Disconnect;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static com.sendline.adapters.simulator.Fixtures.CUSTOMER;
import static com.sendline.adapters.simulator.Fixtures.HELLO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class FailureRatesTest {
    private static final int SENDS = 2_000;

    @Test
    void sendFailuresHappenAtRoughlyTheConfiguredRateAndAreNotDelivered() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant().withSendFailureRate(0.1).withSeed(42));

        List<Boolean> outcomes = sendMany(driver, Fixtures.simulatorDevice(1));

        long failures = outcomes.stream().filter(failed -> failed).count();
        assertThat(failures).isBetween(140L, 260L);
        assertThat(driver.deliveredCount()).isEqualTo(SENDS - failures);
    }

    @Test
    void theSameSeedGivesTheSameFaultsAndAnotherSeedOthers() throws Exception {
        SimulatorSettings settings = SimulatorSettings.instant().withSendFailureRate(0.1);

        List<Boolean> first = sendMany(new SimulatorDriver(settings.withSeed(42)), Fixtures.simulatorDevice(1));
        List<Boolean> again = sendMany(new SimulatorDriver(settings.withSeed(42)), Fixtures.simulatorDevice(1));
        List<Boolean> otherSeed = sendMany(new SimulatorDriver(settings.withSeed(43)), Fixtures.simulatorDevice(1));

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void resetReplaysTheSameFaults() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant().withSendFailureRate(0.3));

        List<Boolean> first = sendMany(driver, Fixtures.simulatorDevice(7));
        driver.reset();
        List<Boolean> again = sendMany(driver, Fixtures.simulatorDevice(7));

        assertThat(again).isEqualTo(first);
    }

    @Test
    void aSimulatedSendFailureIsRetryableAndLeavesTheSessionUsable() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant().withSendFailureRate(1));
        SimulatorSession session = driver.connect(Fixtures.simulatorDevice(), new RecordingEvents());

        SendFailure failure = catchThrowableOfType(SendFailure.class,
                () -> session.send(MessageId.random(), CUSTOMER, HELLO));

        assertThat(failure.code()).isEqualTo("SIMULATED_FAILURE");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure.sessionBroken()).isFalse();
        assertThat(session.isOpen()).isTrue();
        assertThat(driver.deliveredCount()).isZero();
    }

    @Test
    void connectFailuresSplitBetween515AndLostAtRoughlyTheirRates() {
        var driver = new SimulatorDriver(SimulatorSettings.instant()
                .withStreamError515Rate(0.3).withConnectFailureRate(0.2).withSeed(42));
        Device device = Fixtures.simulatorDevice(1);
        Map<Disconnect, Integer> failures = new EnumMap<>(Disconnect.class);
        int connected = 0;

        for (int i = 0; i < SENDS; i++) {
            try {
                driver.connect(device, new RecordingEvents()).close();
                connected++;
            } catch (ConnectFailure failure) {
                failures.merge(failure.kind(), 1, Integer::sum);
            }
        }

        assertThat(failures.get(Disconnect.STREAM_ERROR_515)).isBetween(480, 720);
        assertThat(failures.get(Disconnect.CONNECTION_LOST)).isBetween(300, 500);
        assertThat(failures).doesNotContainKeys(Disconnect.LOGGED_OUT, Disconnect.BANNED);
        assertThat(connected).isBetween(850, 1150);
        assertThat(driver.connects()).isEqualTo(connected);
        assertThat(driver.connectAttempts()).isEqualTo(SENDS);
    }

    @Test
    void aRandomDisconnectComesAfterTheMessageWentOutAndIsReportedFromAnotherThread() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant().withRandomDisconnectRate(1));
        RecordingEvents events = new RecordingEvents();
        SimulatorSession session = driver.connect(Fixtures.simulatorDevice(), events);
        MessageId id = MessageId.random();

        session.send(id, CUSTOMER, HELLO);

        assertThat(driver.deliveryOf(id)).isPresent();
        assertThat(session.isOpen()).isFalse();
        assertThat(events.awaitNext()).isEqualTo(Disconnect.CONNECTION_LOST);
        SendFailure next = catchThrowableOfType(SendFailure.class,
                () -> session.send(MessageId.random(), CUSTOMER, HELLO));
        assertThat(next.code()).isEqualTo("SESSION_CLOSED");
        assertThat(driver.connectedNow()).isZero();
    }

    @Test
    void randomDisconnectsHappenAtRoughlyTheirRate() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant().withRandomDisconnectRate(0.25).withSeed(42));
        Device device = Fixtures.simulatorDevice(1);
        int sessions = 1;
        SimulatorSession session = driver.connect(device, new RecordingEvents());

        for (int i = 0; i < SENDS; i++) {
            if (!session.isOpen()) {
                session = driver.connect(device, new RecordingEvents());
                sessions++;
            }
            session.send(MessageId.random(), CUSTOMER, HELLO);
        }

        assertThat(driver.deliveredCount()).isEqualTo(SENDS);
        assertThat(sessions).isBetween(400, 600);
        assertThat(driver.violations()).isEmpty();
    }

    /** @return for each send, whether it failed */
    private static List<Boolean> sendMany(SimulatorDriver driver, Device device) throws ConnectFailure {
        List<Boolean> failed = new ArrayList<>();
        try (SimulatorSession session = driver.connect(device, new RecordingEvents())) {
            for (int i = 0; i < SENDS; i++) {
                try {
                    session.send(MessageId.random(), CUSTOMER, HELLO);
                    failed.add(false);
                } catch (SendFailure failure) {
                    failed.add(true);
                }
            }
        }
        return failed;
    }
}
