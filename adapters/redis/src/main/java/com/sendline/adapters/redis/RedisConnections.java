package com.sendline.adapters.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;

import java.time.Duration;

/** Opens Lettuce clients on which no command waits forever, connected or not. */
public final class RedisConnections {
    private RedisConnections() {
    }

    /** @throws IllegalArgumentException when the URL is not a Redis URL; the message never contains a password */
    public static RedisURI parse(String url, Duration commandTimeout) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("is empty");
        }
        String trimmed = url.trim();
        if (!(trimmed.startsWith("redis://") || trimmed.startsWith("rediss://"))) {
            throw new IllegalArgumentException("must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)");
        }
        RedisURI uri;
        try {
            uri = RedisURI.create(trimmed);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("is not a valid Redis URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("has no host name");
        }
        uri.setTimeout(commandTimeout);
        return uri;
    }

    public static RedisClient open(RedisURI uri, Duration commandTimeout) {
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                // While Redis is away, fail commands at once instead of queueing them in memory without bound.
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(commandTimeout).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(commandTimeout))
                .build());
        return client;
    }

    /** Connects and pings once, so a wrong address fails start-up with one clear line. */
    public static void probe(RedisClient client) {
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            c.sync().ping();
        }
    }
}
