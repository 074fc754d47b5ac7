package com.sendline.bootstrap.engine;

import com.sendline.adapters.simulator.Delivery;
import com.sendline.adapters.simulator.SimulatorDriver;
import com.sendline.adapters.simulator.SimulatorSettings;
import com.sendline.application.scheduling.ScheduleMessage;
import com.sendline.domain.device.Device;
import com.sendline.domain.device.DeviceId;
import com.sendline.domain.scheduling.MessageStatus;
import com.sendline.domain.sharding.ShardRange;
import com.sendline.domain.tenancy.BusinessId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.sendline.bootstrap.engine.EngineHarness.await;
import static org.assertj.core.api.Assertions.assertThat;

/** WORKER_SHARD_RANGE: two shards together send every business's messages, each only its own, once. */
class WorkerShardsTest {
    private EngineHarness harness;

    @AfterEach
    void tearDown() {
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void two_half_shards_cover_every_business_exactly_once_and_never_touch_the_others_businesses() {
        harness = new EngineHarness(0);
        Map<DeviceId, BusinessId> owner = new HashMap<>();
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Device d = harness.addBusinessWithDevice(i);
            devices.add(d);
            owner.put(d.id(), d.businessId());
        }
        ShardRange first = ShardRange.parse("0-50%");
        ShardRange second = ShardRange.parse("50-100%");
        SimulatorDriver driverA = new SimulatorDriver(SimulatorSettings.instant());
        SimulatorDriver driverB = new SimulatorDriver(SimulatorSettings.instant());
        SchedulingEngine a = harness.engine(EngineConfig.forTests("shard-a", 20).withShard(first), driverA,
                new CountingMetrics());
        SchedulingEngine b = harness.engine(EngineConfig.forTests("shard-b", 20).withShard(second), driverB,
                new CountingMetrics());
        for (Device d : devices) {
            for (int n = 0; n < 5; n++) {
                a.scheduleMessage().schedule(new ScheduleMessage.Request(d.businessId(), d.id(),
                        "+4915123456" + String.format("%03d", n), "Hello " + n, Instant.now()));
            }
        }
        a.worker().start();
        b.worker().start();

        await("all 80 sent", Duration.ofSeconds(60), () -> harness.countInStatus(MessageStatus.SENT) == 80);

        assertThat(driverA.deliveredCount() + driverB.deliveredCount()).isEqualTo(80);
        assertThat(driverA.duplicates()).isEmpty();
        assertThat(driverB.duplicates()).isEmpty();
        for (Delivery d : driverA.deliveries()) {
            assertThat(first.contains(owner.get(d.deviceId()))).as("shard A sent for its own business").isTrue();
        }
        for (Delivery d : driverB.deliveries()) {
            assertThat(second.contains(owner.get(d.deviceId()))).as("shard B sent for its own business").isTrue();
        }
        // With 16 random businesses both halves are all but certain to have work (1 in 32,768 they do not).
        assertThat(driverA.deliveredCount()).isPositive();
        assertThat(driverB.deliveredCount()).isPositive();
    }
}
