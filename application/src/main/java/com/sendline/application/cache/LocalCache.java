package com.sendline.application.cache;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * An in-process read-through cache kept coherent across instances by an {@link InvalidationBus}. Invalidation
 * is the main mechanism; the TTL only bounds how long a lost invalidation can keep a stale value alive.
 */
public final class LocalCache<K, V> implements InvalidationBus.Listener, AutoCloseable {
    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    // Bumped on every invalidation: a load that started before it must not store its (possibly stale) result.
    private final AtomicLong generation = new AtomicLong();
    private final Function<K, V> loader;
    private final Function<String, K> keyReader;
    private final Duration ttl;
    private final Clock clock;
    private final int maxEntries;
    private final InvalidationBus.Subscription subscription;

    private record Entry<V>(V value, Instant expires) {
    }

    public LocalCache(InvalidationBus bus, String topic, Function<String, K> keyReader, Function<K, V> loader,
                      Duration ttl, int maxEntries, Clock clock) {
        this.loader = Objects.requireNonNull(loader);
        this.keyReader = Objects.requireNonNull(keyReader);
        this.ttl = Objects.requireNonNull(ttl);
        this.clock = Objects.requireNonNull(clock);
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be positive");
        }
        this.maxEntries = maxEntries;
        this.subscription = bus.subscribe(topic, this);
    }

    public V get(K key) {
        Instant now = clock.instant();
        Entry<V> cached = entries.get(key);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.value();
        }
        long before = generation.get();
        V value = loader.apply(key);
        if (generation.get() == before) {
            if (entries.size() >= maxEntries) {
                // Crude but bounded: a full cache starts over rather than growing without limit.
                entries.clear();
            }
            entries.put(key, new Entry<>(value, now.plus(ttl)));
        }
        return value;
    }

    public int size() {
        return entries.size();
    }

    @Override
    public void invalidated(String key) {
        generation.incrementAndGet();
        entries.remove(keyReader.apply(key));
    }

    @Override
    public void gap() {
        generation.incrementAndGet();
        entries.clear();
    }

    @Override
    public void close() {
        subscription.close();
    }
}
