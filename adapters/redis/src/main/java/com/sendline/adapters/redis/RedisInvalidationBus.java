package com.sendline.adapters.redis;

import com.sendline.application.cache.InvalidationBus;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cache invalidation between instances over Redis pub/sub, on the cache Redis. One subscriber connection per
 * instance carries every topic. Pub/sub delivers at most once: a message published while this instance was
 * disconnected is gone, so after every reconnect each listener is told about the gap and drops its whole cache.
 */
public final class RedisInvalidationBus implements InvalidationBus, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisInvalidationBus.class);

    private final String channelPrefix;
    private final StatefulRedisConnection<String, String> publisher;
    private final StatefulRedisPubSubConnection<String, String> subscriber;
    private final Map<String, List<Listener>> listeners = new ConcurrentHashMap<>();

    public RedisInvalidationBus(RedisClient cacheClient, String keyPrefix) {
        this.channelPrefix = keyPrefix + "invalidate:";
        this.publisher = cacheClient.connect();
        this.subscriber = cacheClient.connectPubSub();
        subscriber.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String key) {
                List<Listener> forTopic = listeners.get(channel);
                if (forTopic != null) {
                    forTopic.forEach(l -> l.invalidated(key));
                }
            }
        });
        subscriber.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisConnected(RedisChannelHandler<?, ?> connection, SocketAddress address) {
                // Lettuce re-subscribes what it knows of; a SUBSCRIBE that failed while Redis was away it does not
                // know of, so every channel is subscribed again. What was published meanwhile is lost: caches
                // start over.
                LOG.info("Invalidation subscriber reconnected; dropping local caches");
                listeners.keySet().forEach(channel -> subscriber.async().subscribe(channel));
                listeners.values().forEach(list -> list.forEach(Listener::gap));
            }
        });
    }

    @Override
    public void publish(String topic, String key) {
        try {
            publisher.sync().publish(channelPrefix + topic, key);
        } catch (RuntimeException e) {
            // The write itself succeeded; other instances converge when their cache TTL runs out.
            LOG.warn("Could not publish an invalidation on topic {}: {}", topic, e.toString());
        }
    }

    @Override
    public Subscription subscribe(String topic, Listener listener) {
        String channel = channelPrefix + topic;
        boolean first = listeners.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>()).isEmpty();
        listeners.get(channel).add(listener);
        if (first) {
            try {
                subscriber.sync().subscribe(channel);
            } catch (RuntimeException e) {
                // Redis is away: the subscription is made on reconnect; until then the cache TTL bounds staleness.
                LOG.warn("Could not subscribe to {} yet: {}", channel, e.toString());
            }
        }
        return () -> listeners.computeIfPresent(channel, (c, list) -> {
            list.remove(listener);
            if (list.isEmpty()) {
                try {
                    subscriber.sync().unsubscribe(channel);
                } catch (RuntimeException e) {
                    LOG.debug("Unsubscribe from {} failed: {}", channel, e.toString());
                }
                return null;
            }
            return list;
        });
    }

    @Override
    public void close() {
        subscriber.close();
        publisher.close();
    }
}
