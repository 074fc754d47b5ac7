package com.sendline.bootstrap;

import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Per-key rate limits on /api/v1 (API_RATE_LIMIT=1/s, API_RATE_BURST=3 here). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitApiTest {
    private TestDatabase db;
    private TestRedis redis;
    private SendlineApplication app;
    private PartnerApi api;

    @BeforeAll
    void start(@TempDir Path dataDir) {
        db = TestServices.freshDatabase();
        redis = TestServices.freshRedis();
        app = TestInstances.start(db, redis, dataDir, Map.of("API_RATE_LIMIT", "1", "API_RATE_BURST", "3"));
        api = PartnerApi.demo(app);
    }

    @AfterAll
    void stop() {
        app.close();
        redis.close();
        db.close();
    }

    @Test
    void a_key_over_its_rate_gets_429_rate_limited_with_retry_after_while_other_keys_carry_on() throws Exception {
        String busy = api.token(Scope.DEVICES_READ);
        String other = api.token(Scope.DEVICES_READ);

        for (int i = 0; i < 3; i++) {
            assertThat(api.get(busy, "/api/v1/devices").statusCode()).as("call " + i).isEqualTo(200);
        }
        HttpResponse<String> limited = api.get(busy, "/api/v1/devices");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(limited.body()).contains("\"code\":\"RATE_LIMITED\"");
        long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 2L);
        assertThat(api.get(other, "/api/v1/devices").statusCode()).isEqualTo(200);

        Thread.sleep(retryAfter * 1000);
        assertThat(api.get(busy, "/api/v1/devices").statusCode()).isEqualTo(200);
    }

    @Test
    void calls_without_a_valid_token_are_not_counted_and_still_get_401() {
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("not-a-token", "/api/v1/devices").statusCode()).isEqualTo(401);
        }
    }
}
