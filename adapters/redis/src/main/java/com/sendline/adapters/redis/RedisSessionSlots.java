package com.sendline.adapters.redis;

import com.sendline.domain.device.DeviceId;
import com.sendline.domain.session.SessionSlots;
import com.sendline.domain.session.SlotLease;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Hot-set slots as {@code capacity} Redis keys {@code {slots}:0..n-1}, each set with NX semantics and a time to
 * live, holding {@code device|holder|sticky}. No counter: a slot is taken exactly while its key exists, and a
 * process that dies simply stops refreshing its keys. All slot keys share one hash tag, so acquiring (scan every
 * slot, take the first free one) is one atomic script.
 */
public final class RedisSessionSlots implements SessionSlots, AutoCloseable {
    private static final LuaScript ACQUIRE = LuaScript.load("slot_acquire");
    private static final LuaScript REFRESH = LuaScript.load("slot_refresh");
    private static final LuaScript RELEASE = LuaScript.load("slot_release");

    private final RedisClient client;
    private final int capacity;
    private final String[] slotKeys;
    private final String releaseChannel;
    private final String freedChannel;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisCommands<String, String> redis;
    private final List<StatefulRedisPubSubConnection<String, String>> subscriptions = new ArrayList<>();

    public RedisSessionSlots(RedisClient client, String keyPrefix, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the hot set needs at least one slot");
        }
        this.client = client;
        this.capacity = capacity;
        this.slotKeys = new String[capacity];
        for (int i = 0; i < capacity; i++) {
            slotKeys[i] = keyPrefix + "{slots}:" + i;
        }
        this.releaseChannel = keyPrefix + "slots:release-requested";
        this.freedChannel = keyPrefix + "slots:freed";
        this.connection = client.connect();
        this.redis = connection.sync();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    private static String value(DeviceId device, String holder, boolean sticky) {
        return device + "|" + holder + "|" + (sticky ? "1" : "0");
    }

    private static String value(SlotLease lease) {
        return value(lease.device(), lease.holder(), lease.sticky());
    }

    @Override
    public Optional<SlotLease> tryAcquire(DeviceId device, String holder, boolean sticky, Duration ttl) {
        Long slot = ACQUIRE.run(redis, ScriptOutputType.INTEGER, slotKeys, device.toString(),
                value(device, holder, sticky), Long.toString(ttl.toMillis()),
                Integer.toString(sticky ? capacity - 1 : 0));
        if (slot < 0) {
            return Optional.empty();
        }
        // The device may already hold a slot (another caller on this process got there first): report what is stored.
        String stored = redis.get(slotKeys[slot.intValue()]);
        return stored == null ? Optional.empty() : Optional.of(parse(slot.intValue(), stored));
    }

    @Override
    public boolean refresh(SlotLease lease, Duration ttl) {
        Long ok = REFRESH.run(redis, ScriptOutputType.INTEGER, new String[]{slotKeys[lease.slot()]}, value(lease),
                Long.toString(ttl.toMillis()));
        return ok == 1;
    }

    @Override
    public void release(SlotLease lease) {
        RELEASE.run(redis, ScriptOutputType.INTEGER, new String[]{slotKeys[lease.slot()]}, value(lease),
                freedChannel);
    }

    @Override
    public List<SlotLease> held() {
        List<KeyValue<String, String>> values = redis.mget(slotKeys);
        List<SlotLease> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).hasValue()) {
                out.add(parse(i, values.get(i).getValue()));
            }
        }
        return out;
    }

    @Override
    public void requestRelease(DeviceId device) {
        redis.publish(releaseChannel, device.toString());
    }

    @Override
    public AutoCloseable onSlotEvents(Consumer<DeviceId> releaseRequested, Runnable slotFreed) {
        StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
        sub.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
                if (channel.equals(freedChannel)) {
                    slotFreed.run();
                } else if (channel.equals(releaseChannel)) {
                    try {
                        releaseRequested.accept(new DeviceId(UUID.fromString(message)));
                    } catch (IllegalArgumentException ignored) {
                        // not a device id: nothing of ours
                    }
                }
            }
        });
        sub.sync().subscribe(releaseChannel, freedChannel);
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

    private static SlotLease parse(int slot, String value) {
        String[] parts = value.split("\\|");
        return new SlotLease(slot, new DeviceId(UUID.fromString(parts[0])), parts[1], "1".equals(parts[2]));
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
