package com.sendline.adapters.redis;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.session.SlotLease;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class RedisSessionSlotsTest {
    private TestRedis redis;
    private RedisClient client;
    private RedisSessionSlots slots;

    @BeforeEach
    void setUp() {
        redis = TestServices.freshRedis();
        client = RedisConnections.open(RedisConnections.parse(redis.url(), Duration.ofSeconds(2)),
                Duration.ofSeconds(2));
        slots = new RedisSessionSlots(client, redis.prefix(), 3);
    }

    @AfterEach
    void tearDown() {
        slots.close();
        client.shutdown();
        redis.close();
    }

    @Test
    void two_hundred_racing_acquires_never_hand_out_more_than_the_cap() throws Exception {
        ConcurrentHashMap<DeviceId, SlotLease> granted = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                pool.execute(() -> {
                    DeviceId d = DeviceId.random();
                    slots.tryAcquire(d, "w" + (d.hashCode() & 1), false, Duration.ofSeconds(10))
                            .ifPresent(l -> granted.put(d, l));
                });
            }
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(granted).hasSize(3);
        assertThat(granted.values().stream().map(SlotLease::slot).distinct()).hasSize(3);
        assertThat(slots.held()).hasSize(3);
    }

    @Test
    void a_slot_that_is_not_refreshed_expires_and_frees_itself() throws Exception {
        SlotLease lease = slots.tryAcquire(DeviceId.random(), "w1", false, Duration.ofMillis(300)).orElseThrow();
        Thread.sleep(600);
        assertThat(slots.refresh(lease, Duration.ofSeconds(5))).isFalse();
        assertThat(slots.held()).isEmpty();
    }

    @Test
    void one_slot_is_always_kept_from_sticky_sessions() {
        assertThat(slots.tryAcquire(DeviceId.random(), "w1", true, Duration.ofSeconds(10))).isPresent();
        assertThat(slots.tryAcquire(DeviceId.random(), "w1", true, Duration.ofSeconds(10))).isPresent();
        assertThat(slots.tryAcquire(DeviceId.random(), "w1", true, Duration.ofSeconds(10))).isEmpty();
        assertThat(slots.tryAcquire(DeviceId.random(), "w1", false, Duration.ofSeconds(10))).isPresent();
    }

    @Test
    void a_device_holds_at_most_one_slot_and_another_worker_cannot_take_it_over() {
        DeviceId d = DeviceId.random();
        SlotLease first = slots.tryAcquire(d, "w1", false, Duration.ofSeconds(10)).orElseThrow();
        assertThat(slots.tryAcquire(d, "w1", false, Duration.ofSeconds(10))).contains(first);
        assertThat(slots.tryAcquire(d, "w2", false, Duration.ofSeconds(10))).isEmpty();
        assertThat(slots.held()).hasSize(1);
    }

    @Test
    void release_frees_only_the_holders_own_slot() {
        DeviceId d = DeviceId.random();
        SlotLease lease = slots.tryAcquire(d, "w1", false, Duration.ofSeconds(10)).orElseThrow();
        slots.release(new SlotLease(lease.slot(), d, "w2", false));
        assertThat(slots.held()).hasSize(1);
        slots.release(lease);
        assertThat(slots.held()).isEmpty();
        Optional<SlotLease> again = slots.tryAcquire(DeviceId.random(), "w2", false, Duration.ofSeconds(10));
        assertThat(again).isPresent();
    }
}
