package com.sendline.adapters.redis;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.scheduling.DueEntry;
import com.sendline.domain.scheduling.DueQueue;
import com.sendline.domain.scheduling.LeasedBatch;
import com.sendline.domain.scheduling.MessageId;
import com.sendline.domain.sharding.QueuePartition;
import com.sendline.domain.tenancy.BusinessId;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The due queue in Redis: per partition, a sorted set of waiting entries scored by due instant and one of leased
 * entries scored by lease deadline. Both keys of a partition share a hash tag ({@code {sendline:q:37}}), so every
 * script touches one Redis Cluster slot. An entry is {@code message:business:device:dueMillis} — ids only, about
 * 120 bytes; the text of a message never leaves Postgres.
 */
public final class RedisDueQueue implements DueQueue, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisDueQueue.class);
    private static final LuaScript LEASE = LuaScript.load("lease");
    private static final LuaScript EXTEND = LuaScript.load("extend");
    private static final LuaScript POSTPONE = LuaScript.load("postpone");
    private static final LuaScript REQUEUE = LuaScript.load("requeue");
    private static final LuaScript RESTORE = LuaScript.load("restore");

    private final RedisClient client;
    private final String prefix;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final String wakeChannel;
    private final List<StatefulRedisPubSubConnection<String, String>> subscriptions = new ArrayList<>();
    private final Duration wakeHorizon;
    private final Clock clock;

    /** Announces every enqueue. */
    public RedisDueQueue(RedisClient client, String keyPrefix) {
        this(client, keyPrefix, null, Clock.systemUTC());
    }

    /**
     * @param wakeHorizon entries due further ahead than this are not announced on the wake-up channel: the consumers
     *                    re-read every partition's head more often than that ({@code DispatchSettings.fullScan}), so
     *                    they find them before they are due. Scheduling ahead is the common case (the partner API's
     *                    {@code sendAt}, recurring occurrences); a PUBLISH per group that no one needed cost Redis a
     *                    fan-out, every instance a decode, and the caller a round trip. Null: announce every enqueue.
     */
    public RedisDueQueue(RedisClient client, String keyPrefix, Duration wakeHorizon, Clock clock) {
        this.client = client;
        this.prefix = keyPrefix;
        this.connection = client.connect();
        this.redis = connection.sync();
        this.wakeChannel = keyPrefix + "q:enqueued";
        this.wakeHorizon = wakeHorizon;
        this.clock = clock;
    }

    String dueKey(QueuePartition p) {
        return prefix + "{q:" + p.index() + "}:due";
    }

    String processingKey(QueuePartition p) {
        return prefix + "{q:" + p.index() + "}:processing";
    }

    private String[] keys(QueuePartition p) {
        return new String[]{dueKey(p), processingKey(p)};
    }

    static String member(DueEntry e) {
        return e.message() + ":" + e.business() + ":" + e.device() + ":" + e.dueAt().toEpochMilli();
    }

    static DueEntry entry(String member) {
        String[] parts = member.split(":");
        if (parts.length != 4) {
            throw new IllegalArgumentException("not a due-queue entry: " + member);
        }
        return new DueEntry(new MessageId(UUID.fromString(parts[0])), new BusinessId(UUID.fromString(parts[1])),
                new DeviceId(UUID.fromString(parts[2])), Instant.ofEpochMilli(Long.parseLong(parts[3])));
    }

    @Override
    public void enqueue(Collection<DueEntry> entries) {
        Map<QueuePartition, List<DueEntry>> byPartition = group(entries);
        for (var e : byPartition.entrySet()) {
            List<DueEntry> list = e.getValue();
            Object[] scoresAndMembers = new Object[list.size() * 2];
            DueEntry earliest = list.getFirst();
            for (int i = 0; i < list.size(); i++) {
                DueEntry d = list.get(i);
                scoresAndMembers[2 * i] = (double) d.dueAt().toEpochMilli();
                scoresAndMembers[2 * i + 1] = member(d);
                if (d.dueAt().isBefore(earliest.dueAt())) {
                    earliest = d;
                }
            }
            redis.zadd(dueKey(e.getKey()), scoresAndMembers);
            if (wakeHorizon == null || !earliest.dueAt().isAfter(clock.instant().plus(wakeHorizon))) {
                redis.publish(wakeChannel, member(earliest));
            }
        }
    }

    @Override
    public void withdraw(DueEntry entry) {
        String member = member(entry);
        redis.zrem(dueKey(entry.partition()), member);
        redis.zrem(processingKey(entry.partition()), member);
    }

    @Override
    public LeasedBatch lease(QueuePartition partition, Instant now, int max, Instant leaseUntil) {
        List<String> reply = LEASE.run(redis, ScriptOutputType.MULTI, keys(partition),
                Long.toString(now.toEpochMilli()), Integer.toString(max), Long.toString(leaseUntil.toEpochMilli()));
        List<DueEntry> out = new ArrayList<>(reply.size());
        for (int i = 0; i < reply.size() - 1; i++) {
            out.add(entry(reply.get(i)));
        }
        String next = reply.isEmpty() ? "" : reply.getLast();
        return new LeasedBatch(out, next == null || next.isEmpty() ? Optional.empty()
                : Optional.of(Instant.ofEpochMilli((long) Double.parseDouble(next))));
    }

    @Override
    public void extend(Collection<DueEntry> leased, Instant leaseUntil) {
        for (var e : group(leased).entrySet()) {
            EXTEND.run(redis, ScriptOutputType.INTEGER, new String[]{processingKey(e.getKey())},
                    args(Long.toString(leaseUntil.toEpochMilli()), e.getValue()));
        }
    }

    @Override
    public void acknowledge(Collection<DueEntry> leased) {
        for (var e : group(leased).entrySet()) {
            redis.zrem(processingKey(e.getKey()), e.getValue().stream().map(RedisDueQueue::member)
                    .toArray(String[]::new));
        }
    }

    @Override
    public void postpone(Collection<DueEntry> leased, Instant dueAt) {
        for (var e : group(leased).entrySet()) {
            POSTPONE.run(redis, ScriptOutputType.INTEGER, keys(e.getKey()),
                    args(Long.toString(dueAt.toEpochMilli()), e.getValue()));
            redis.publish(wakeChannel, member(e.getValue().getFirst().at(dueAt)));
        }
    }

    @Override
    public int requeueExpired(QueuePartition partition, Instant now, int max) {
        Long n = REQUEUE.run(redis, ScriptOutputType.INTEGER, keys(partition), Long.toString(now.toEpochMilli()),
                Integer.toString(max));
        if (n > 0) {
            redis.publish(wakeChannel, "requeued:" + partition.index());
        }
        return n.intValue();
    }

    @Override
    public List<DueEntry> restore(Collection<DueEntry> entries) {
        List<DueEntry> added = new ArrayList<>();
        for (var e : group(entries).entrySet()) {
            List<DueEntry> list = e.getValue();
            String[] args = new String[list.size() * 2];
            for (int i = 0; i < list.size(); i++) {
                args[2 * i] = Long.toString(list.get(i).dueAt().toEpochMilli());
                args[2 * i + 1] = member(list.get(i));
            }
            List<String> members = RESTORE.run(redis, ScriptOutputType.MULTI, keys(e.getKey()), args);
            if (!members.isEmpty()) {
                members.forEach(m -> added.add(entry(m)));
                redis.publish(wakeChannel, "restored:" + e.getKey().index());
            }
        }
        return added;
    }

    @Override
    public Optional<Instant> earliestDue(QueuePartition partition) {
        var head = redis.zrangeWithScores(dueKey(partition), 0, 0);
        return head.isEmpty() ? Optional.empty() : Optional.of(Instant.ofEpochMilli((long) head.getFirst().getScore()));
    }

    @Override
    public Map<QueuePartition, Instant> earliestDue(Collection<QueuePartition> partitions) {
        Map<QueuePartition, io.lettuce.core.RedisFuture<List<io.lettuce.core.ScoredValue<String>>>> pending =
                new LinkedHashMap<>();
        var async = connection.async();
        for (QueuePartition p : partitions) {
            pending.put(p, async.zrangeWithScores(dueKey(p), 0, 0));
        }
        Map<QueuePartition, Instant> out = new LinkedHashMap<>();
        for (var e : pending.entrySet()) {
            List<io.lettuce.core.ScoredValue<String>> head = io.lettuce.core.LettuceFutures.awaitOrCancel(
                    e.getValue(), connection.getTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (!head.isEmpty()) {
                out.put(e.getKey(), Instant.ofEpochMilli((long) head.getFirst().getScore()));
            }
        }
        return out;
    }

    @Override
    public long depth(QueuePartition partition) {
        return redis.zcard(dueKey(partition)) + redis.zcard(processingKey(partition));
    }

    /**
     * Listens for enqueues on a connection of its own. A wake-up that names no entry ("requeued:37") reaches the
     * listener as null: something in that partition may be due now.
     */
    @Override
    public AutoCloseable onEnqueued(Consumer<DueEntry> listener) {
        StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                DueEntry entry = null;
                if (message.indexOf(':') == 36) {
                    try {
                        entry = entry(message);
                    } catch (RuntimeException e) {
                        LOG.debug("Ignoring a malformed wake-up: {}", e.toString());
                    }
                }
                listener.accept(entry);
            }
        });
        sub.sync().subscribe(wakeChannel);
        synchronized (subscriptions) {
            subscriptions.add(sub);
        }
        return () -> {
            synchronized (subscriptions) {
                subscriptions.remove(sub);
            }
            sub.close();
        };
    }

    private static String[] args(String first, List<DueEntry> entries) {
        String[] out = new String[entries.size() + 1];
        out[0] = first;
        for (int i = 0; i < entries.size(); i++) {
            out[i + 1] = member(entries.get(i));
        }
        return out;
    }

    private static Map<QueuePartition, List<DueEntry>> group(Collection<DueEntry> entries) {
        Map<QueuePartition, List<DueEntry>> out = new LinkedHashMap<>();
        for (DueEntry e : entries) {
            out.computeIfAbsent(e.partition(), p -> new ArrayList<>()).add(e);
        }
        return out;
    }

    @Override
    public void close() {
        synchronized (subscriptions) {
            subscriptions.forEach(StatefulRedisPubSubConnection::close);
            subscriptions.clear();
        }
        connection.close();
    }
}
