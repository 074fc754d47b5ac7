package com.sendline.adapters.redis;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.sharding.QueuePartition;
import com.sendline.domain.tenancy.BusinessId;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class RedisDueQueueTest {
    private TestRedis redis;
    private RedisClient client;
    private RedisDueQueue queue;
    private final BusinessId business = BusinessId.random();
    private final DeviceId device = DeviceId.random();
    private final Instant t0 = Instant.parse("2026-11-22T10:00:00Z");

    @BeforeEach
    void setUp() {
        redis = TestServices.freshRedis();
        client = RedisConnections.open(RedisConnections.parse(redis.url(), Duration.ofSeconds(2)),
                Duration.ofSeconds(2));
        queue = new RedisDueQueue(client, redis.prefix());
    }

    @AfterEach
    void tearDown() {
        queue.close();
        client.shutdown();
        redis.close();
    }

    private List<DueEntry> entries(int n, Instant due) {
        List<DueEntry> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(new DueEntry(MessageId.random(), business, device, due.plusMillis(i)));
        }
        return out;
    }

    private QueuePartition partition() {
        return QueuePartition.of(business);
    }

    @Test
    void lease_takes_only_due_entries_oldest_first_and_at_most_the_batch() {
        List<DueEntry> due = entries(5, t0);
        List<DueEntry> later = entries(3, t0.plusSeconds(60));
        queue.enqueue(due);
        queue.enqueue(later);

        List<DueEntry> leased = queue.lease(partition(), t0.plusSeconds(1), 3, t0.plusSeconds(31)).entries();
        assertThat(leased).containsExactlyElementsOf(due.subList(0, 3));
        assertThat(queue.lease(partition(), t0.plusSeconds(1), 10, t0.plusSeconds(31)).entries())
                .containsExactlyElementsOf(due.subList(3, 5));
        assertThat(queue.lease(partition(), t0.plusSeconds(1), 10, t0.plusSeconds(31)).entries()).isEmpty();
        assertThat(queue.earliestDue(partition())).contains(later.getFirst().dueAt());
        assertThat(queue.depth(partition())).isEqualTo(8);
    }

    @Test
    void a_lease_also_tells_when_the_next_entry_is_due_and_heads_of_many_partitions_come_in_one_call() {
        List<DueEntry> later = entries(1, t0.plusSeconds(60));
        queue.enqueue(entries(2, t0));
        queue.enqueue(later);
        var leased = queue.lease(partition(), t0.plusSeconds(1), 10, t0.plusSeconds(31));
        assertThat(leased.entries()).hasSize(2);
        assertThat(leased.nextDue()).contains(later.getFirst().dueAt());
        queue.lease(partition(), t0.plusSeconds(61), 10, t0.plusSeconds(91));
        assertThat(queue.lease(partition(), t0.plusSeconds(61), 10, t0.plusSeconds(91)).nextDue()).isEmpty();

        BusinessId other = java.util.stream.Stream.generate(BusinessId::random)
                .filter(b -> !QueuePartition.of(b).equals(partition())).findFirst().orElseThrow();
        queue.enqueue(List.of(new DueEntry(MessageId.random(), other, device, t0.plusSeconds(5))));
        queue.enqueue(entries(1, t0.plusSeconds(7)));
        assertThat(queue.earliestDue(QueuePartition.all().toList()))
                .containsEntry(QueuePartition.of(other), t0.plusSeconds(5))
                .containsEntry(partition(), t0.plusSeconds(7))
                .hasSize(2);
    }

    @Test
    void expired_leases_come_back_extended_ones_do_not_and_acknowledged_ones_are_gone() {
        List<DueEntry> all = entries(3, t0);
        queue.enqueue(all);
        List<DueEntry> leased = queue.lease(partition(), t0.plusSeconds(1), 10, t0.plusSeconds(30)).entries();
        queue.extend(List.of(leased.get(0)), t0.plusSeconds(90));
        queue.acknowledge(List.of(leased.get(1)));

        assertThat(queue.requeueExpired(partition(), t0.plusSeconds(20), 100)).isZero();
        assertThat(queue.requeueExpired(partition(), t0.plusSeconds(31), 100)).isEqualTo(1);
        assertThat(queue.lease(partition(), t0.plusSeconds(31), 10, t0.plusSeconds(61)).entries())
                .containsExactly(leased.get(2));
        assertThat(queue.depth(partition())).isEqualTo(2);
    }

    @Test
    void restore_adds_only_what_is_missing_and_never_what_is_leased() {
        List<DueEntry> all = entries(4, t0);
        queue.enqueue(all.subList(0, 2));
        queue.lease(partition(), t0, 1, t0.plusSeconds(30)).entries();

        assertThat(queue.restore(all)).containsExactlyInAnyOrderElementsOf(all.subList(2, 4));
        assertThat(queue.depth(partition())).isEqualTo(4);
        assertThat(queue.restore(all)).isEmpty();
    }

    @Test
    void postponed_entries_wait_until_their_new_instant_and_withdrawn_ones_disappear() {
        List<DueEntry> all = entries(2, t0);
        queue.enqueue(all);
        List<DueEntry> leased = queue.lease(partition(), t0.plusSeconds(1), 10, t0.plusSeconds(30)).entries();
        queue.postpone(List.of(leased.get(0)), t0.plusSeconds(120));
        queue.withdraw(leased.get(1));

        assertThat(queue.lease(partition(), t0.plusSeconds(119), 10, t0.plusSeconds(150)).entries()).isEmpty();
        assertThat(queue.lease(partition(), t0.plusSeconds(120), 10, t0.plusSeconds(150)).entries())
                .containsExactly(leased.get(0));
        assertThat(queue.depth(partition())).isEqualTo(1);
    }

    @Test
    void both_keys_of_a_partition_hash_to_one_cluster_slot() {
        QueuePartition p = new QueuePartition(37);
        assertThat(SlotHash.getSlot(queue.dueKey(p))).isEqualTo(SlotHash.getSlot(queue.processingKey(p)));
        assertThat(SlotHash.getSlot(queue.dueKey(p))).isNotEqualTo(SlotHash.getSlot(queue.dueKey(new QueuePartition(38))));
    }

    @Test
    void an_enqueue_wakes_every_listener_with_the_earliest_entry() throws Exception {
        List<DueEntry> heard = new CopyOnWriteArrayList<>();
        try (AutoCloseable ignored = queue.onEnqueued(heard::add)) {
            List<DueEntry> all = entries(3, t0);
            queue.enqueue(all);
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (heard.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(heard).containsExactly(all.getFirst());
        }
    }

    @Test
    void with_a_wake_horizon_only_entries_due_within_it_are_announced_and_the_rest_is_still_queued() throws Exception {
        Instant now = Instant.now();
        try (RedisDueQueue horizon = new RedisDueQueue(client, redis.prefix(), Duration.ofSeconds(10),
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC))) {
            List<DueEntry> heard = new CopyOnWriteArrayList<>();
            try (AutoCloseable ignored = horizon.onEnqueued(heard::add)) {
                DueEntry nextMonth = entries(1, now.plus(Duration.ofDays(30))).getFirst();
                DueEntry soon = entries(1, now.plusSeconds(5)).getFirst();
                horizon.enqueue(List.of(nextMonth));
                horizon.enqueue(List.of(soon));
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (heard.isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                Thread.sleep(200); // an announcement of next month's entry would have come before this one's
                assertThat(heard).containsExactly(soon);
                try (var c = client.connect()) {
                    assertThat(c.sync().zscore(horizon.dueKey(partition()), RedisDueQueue.member(nextMonth)))
                            .as("queued all the same").isEqualTo((double) nextMonth.dueAt().toEpochMilli());
                }
            }
        }
    }

    @Test
    void an_entry_round_trips_through_its_member_string() {
        DueEntry e = entries(1, t0).getFirst();
        assertThat(RedisDueQueue.entry(RedisDueQueue.member(e))).isEqualTo(e);
    }
}
