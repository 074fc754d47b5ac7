package com.sendline.bootstrap;

import com.sendline.bootstrap.config.Settings;
import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Starts real Sendline instances in this JVM against a test's own schema and Redis prefix. */
final class TestInstances {
    private TestInstances() {
    }

    static SendlineApplication start(TestDatabase db, TestRedis redis, Path dataDir, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("DATABASE_URL", db.jdbcUrl());
        env.put("REDIS_URL", redis.url());
        env.put("REDIS_KEY_PREFIX", redis.prefix());
        env.put("PORT", "0");
        env.put("SENDLINE_DATA_DIR", dataDir.toString());
        env.put("SEED_DEMO", "true");
        env.put("DB_MAX_OPEN_CONNS", "4");
        // Tests' webhook receivers listen on 127.0.0.1, which a production instance refuses to post to.
        env.put("WEBHOOK_PRIVATE_TARGETS", "allow");
        // Tests exchange keys for tokens by the dozen, all from 127.0.0.1; RateLimitApiTest checks the limit itself.
        env.put("API_TOKEN_REQUESTS_PER_MINUTE", "100000");
        env.putAll(extra);
        return SendlineApplication.start(Settings.from(env));
    }
}
