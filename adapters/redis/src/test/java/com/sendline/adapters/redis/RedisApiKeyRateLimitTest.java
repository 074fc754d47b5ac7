package com.sendline.adapters.redis;

import com.sendline.domain.apiaccess.ApiKeyId;
import com.sendline.testkit.TestServices;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RedisApiKeyRateLimitTest {
    private final RedisClient client = RedisConnections.open(
            RedisConnections.parse(TestServices.endpoints().redisUrl(), Duration.ofSeconds(2)), Duration.ofSeconds(2));
    private final String prefix = "test-" + UUID.randomUUID() + ":";

    @AfterEach
    void close() {
        client.shutdown();
    }

    @Test
    void two_instances_share_one_keys_burst_and_then_are_told_how_long_to_wait() {
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());
        try (var first = new RedisApiKeyRateLimit(client, prefix, 2, 10);
             var second = new RedisApiKeyRateLimit(client, prefix, 2, 10)) {
            int admitted = 0;
            Duration wait = Duration.ZERO;
            for (int i = 0; i < 20; i++) {
                wait = (i % 2 == 0 ? first : second).admit(key).toCompletableFuture().join();
                if (wait.isZero()) {
                    admitted++;
                }
            }

            // Ten at once, maybe one more as the steady rate (one per 500 ms) refills while the loop runs.
            assertThat(admitted).isBetween(10, 11);
            assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(500));
        }
    }

    @Test
    void keys_are_limited_separately_and_a_waiting_key_is_admitted_again_after_its_wait() throws Exception {
        ApiKeyId busy = new ApiKeyId(UUID.randomUUID());
        ApiKeyId quiet = new ApiKeyId(UUID.randomUUID());
        try (var limits = new RedisApiKeyRateLimit(client, prefix, 5, 1)) {
            assertThat(limits.admit(busy).toCompletableFuture().join()).isZero();
            Duration wait = limits.admit(busy).toCompletableFuture().join();

            assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(200));
            assertThat(limits.admit(quiet).toCompletableFuture().join()).isZero();
            Thread.sleep(wait.toMillis() + 20);
            assertThat(limits.admit(busy).toCompletableFuture().join()).isZero();
        }
    }
}
