package com.sendline.testkit;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;

import java.util.UUID;

/** One test's own slice of the shared Redis: every key and channel it uses starts with {@link #prefix()}. */
public record TestRedis(String url, String prefix) implements AutoCloseable {

    static TestRedis create(String url) {
        return new TestRedis(url, "test:" + UUID.randomUUID().toString().substring(0, 8) + ":");
    }

    @Override
    public void close() {
        RedisClient client = RedisClient.create(url);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = c.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
                if (!page.getKeys().isEmpty()) {
                    c.sync().unlink(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
        } finally {
            client.shutdown();
        }
    }
}
