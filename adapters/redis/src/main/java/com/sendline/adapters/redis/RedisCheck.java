package com.sendline.adapters.redis;

import com.sendline.application.operations.CheckResult;
import com.sendline.application.operations.DependencyCheck;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import java.util.concurrent.TimeUnit;

/** Pings one Redis (queue or cache) over a connection of its own, so a busy pipeline cannot mask an outage. */
public final class RedisCheck implements DependencyCheck, AutoCloseable {
    private final String name;
    private final RedisClient client;
    private volatile StatefulRedisConnection<String, String> connection;

    public RedisCheck(String name, RedisClient client) {
        this.name = name;
        this.client = client;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CheckResult check() {
        long start = System.nanoTime();
        try {
            String pong = connection().async().ping().get(2, TimeUnit.SECONDS);
            if (!"PONG".equals(pong)) {
                return CheckResult.down(CheckResult.millisSince(start), "unexpected answer to PING");
            }
            return CheckResult.up(CheckResult.millisSince(start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CheckResult.down(CheckResult.millisSince(start), "interrupted");
        } catch (Exception e) {
            return CheckResult.down(CheckResult.millisSince(start), "no answer to PING (" + e.getClass().getSimpleName() + ")");
        }
    }

    private StatefulRedisConnection<String, String> connection() {
        StatefulRedisConnection<String, String> c = connection;
        if (c == null || !c.isOpen()) {
            synchronized (this) {
                c = connection;
                if (c == null || !c.isOpen()) {
                    c = client.connect();
                    connection = c;
                }
            }
        }
        return c;
    }

    @Override
    public void close() {
        StatefulRedisConnection<String, String> c = connection;
        if (c != null) {
            c.close();
        }
    }
}
