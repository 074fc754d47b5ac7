package com.sendline.adapters.simulator;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.scheduling.MessageId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static com.sendline.adapters.simulator.Fixtures.CUSTOMER;
import static com.sendline.adapters.simulator.Fixtures.HELLO;
import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentSendingTest {
    @Test
    void fiftyVirtualThreadsOverTenSessionsLoseAndDoubleNothing() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant().withSendLatency(Duration.ofMillis(1)));
        List<SimulatorSession> sessions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            sessions.add(driver.connect(Fixtures.simulatorDevice(), new RecordingEvents()));
        }
        int threads = 50;
        int perThread = 200;
        Set<MessageId> sent = ConcurrentHashMap.newKeySet();
        Set<String> providerIds = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);

        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                SimulatorSession session = sessions.get(t % sessions.size());
                work.add(executor.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        MessageId id = MessageId.random();
                        sent.add(id);
                        providerIds.add(session.send(id, CUSTOMER, HELLO));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : work) {
                future.get(60, TimeUnit.SECONDS);
            }
        }

        int total = threads * perThread;
        assertThat(driver.deliveredCount()).isEqualTo(total);
        assertThat(driver.deliveries()).hasSize(total);
        assertThat(driver.deliveryCounts()).hasSize(total).containsOnlyKeys(sent);
        assertThat(driver.duplicates()).isEmpty();
        assertThat(providerIds).as("provider ids are unique").hasSize(total);
        Map<DeviceId, Long> perDevice = driver.deliveries().stream()
                .collect(Collectors.groupingBy(Delivery::deviceId, Collectors.counting()));
        assertThat(perDevice).hasSize(10).allSatisfy((device, count) -> assertThat(count).isEqualTo(5L * perThread));
        assertThat(driver.violations()).isEmpty();
    }

    @Test
    void highWaterMarkCountsSessionsOpenAtTheSameMoment() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant());
        int devices = 20;
        CountDownLatch allOpen = new CountDownLatch(devices);
        CountDownLatch release = new CountDownLatch(1);

        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                work.add(executor.submit(() -> {
                    try (SimulatorSession session = driver.connect(Fixtures.simulatorDevice(), new RecordingEvents())) {
                        allOpen.countDown();
                        release.await();
                        session.send(MessageId.random(), CUSTOMER, HELLO);
                    }
                    return null;
                }));
            }
            assertThat(allOpen.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(driver.connectedNow()).isEqualTo(devices);
            release.countDown();
            for (Future<?> future : work) {
                future.get(30, TimeUnit.SECONDS);
            }
        }

        assertThat(driver.connectedNow()).isZero();
        assertThat(driver.maxConnectedAtOnce()).isEqualTo(devices);
        assertThat(driver.connects()).isEqualTo(devices);
    }

    @Test
    void highWaterMarkRemembersThePeakNotTheTotal() throws Exception {
        var driver = new SimulatorDriver(SimulatorSettings.instant());
        List<SimulatorSession> open = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            open.add(driver.connect(Fixtures.simulatorDevice(), new RecordingEvents()));
        }
        // A capped hot set: each new session only after an old one made room.
        for (int i = 0; i < 10; i++) {
            open.removeFirst().close();
            open.add(driver.connect(Fixtures.simulatorDevice(), new RecordingEvents()));
        }

        assertThat(driver.connects()).isEqualTo(13);
        assertThat(driver.connectedNow()).isEqualTo(3);
        assertThat(driver.maxConnectedAtOnce()).isEqualTo(3);
    }
}
