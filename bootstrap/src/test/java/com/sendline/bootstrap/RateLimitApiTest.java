package com.sendline.bootstrap;

import com.sendline.bootstrap.lifecycle.SendlineApplication;
import com.sendline.application.apiaccess.CreateApiKey;
import com.sendline.domain.apiaccess.ApiKeyOwner;
import com.sendline.domain.apiaccess.Scope;
import com.sendline.testkit.TestDatabase;
import com.sendline.testkit.TestRedis;
import com.sendline.testkit.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-key rate limits on /api/v1 (API_RATE_LIMIT=1/s, API_RATE_BURST=3 here), and token requests per client
 * address (12 a minute, 4 at once; the address from X-Forwarded-For, as behind a proxy).
 */
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
        app = TestInstances.start(db, redis, dataDir, Map.of("API_RATE_LIMIT", "1", "API_RATE_BURST", "3",
                "API_TOKEN_REQUESTS_PER_MINUTE", "12", "CLIENT_ADDRESS_HEADER", "X-Forwarded-For"));
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

    @Test
    void token_requests_are_limited_per_client_address_counting_failed_ones_and_a_made_up_entry_does_not_help() {
        String key = app.context().getBean(CreateApiKey.class).create(
                new ApiKeyOwner.OfBusiness(api.business()), "Limited", EnumSet.of(Scope.DEVICES_READ)).plaintext();

        List<Integer> guesses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            guesses.add(tokenFrom("203.0.113.7", "sk_live_guess" + i).statusCode());
        }
        // The proxy appends the address it saw; whatever the caller wrote before it is not believed.
        HttpResponse<String> limited = tokenFrom("198.51.100.1, 203.0.113.7", key);
        HttpResponse<String> elsewhere = tokenFrom("198.51.100.1", key);

        assertThat(guesses).containsOnly(401);
        assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
        assertThat(limited.headers().firstValue("content-type")).hasValue("application/problem+json");
        assertThat(limited.body()).contains("\"code\":\"RATE_LIMITED\"").doesNotContain("accessToken");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 5L);
        assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(200);
        assertThat(elsewhere.body()).contains("\"accessToken\"");
    }

    private HttpResponse<String> tokenFrom(String forwardedFor, String apiKey) {
        return Http.send(HttpRequest.newBuilder(app.url().resolve("/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{\"apiKey\":\"" + apiKey + "\"}")).build());
    }
}
