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

    @Test
    void a_busy_key_takes_its_admissions_a_few_at_a_time_and_two_instances_together_still_keep_its_limit()
            throws Exception {
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());
        // 2,000 a second with a burst of 400: a busy instance may take up to 50 at once.
        try (var first = new RedisApiKeyRateLimit(client, prefix, 2_000, 400);
             var second = new RedisApiKeyRateLimit(client, prefix, 2_000, 400)) {
            java.util.concurrent.atomic.AtomicInteger admitted = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();
            long start = System.nanoTime();
            long seconds = 1;
            java.util.List<Thread> callers = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                RedisApiKeyRateLimit limits = t % 2 == 0 ? first : second;
                callers.add(Thread.ofPlatform().start(() -> {
                    while (System.nanoTime() - start < seconds * 1_000_000_000L) {
                        Duration wait = limits.admit(key).toCompletableFuture().join();
                        if (wait.isZero()) {
                            admitted.incrementAndGet();
                        } else {
                            assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofMillis(1));
                            refused.incrementAndGet();
                        }
                    }
                }));
            }
            for (Thread caller : callers) {
                caller.join();
            }
            double elapsed = (System.nanoTime() - start) / 1e9;

            // Never more than the budget (the burst, the steady rate for the time taken, and the steady rate for
            // one lease period, the longest a leased admission may be kept), and the callers went well past it.
            assertThat(admitted.get()).isLessThanOrEqualTo((int) (400 + 2_000 * (elapsed + 0.05)));
            assertThat(refused.get()).isPositive();
            // Most of the budget was used, not lost in leases nobody used.
            assertThat(admitted.get()).isGreaterThan((int) (0.7 * 2_000 * elapsed));
            // And far fewer script calls than calls.
            long calls = first.scriptCalls() + second.scriptCalls();
            assertThat(calls).isLessThan((admitted.get() + refused.get()) / 4);
        }
    }

    @Test
    void a_key_called_now_and_then_asks_redis_on_every_call() {
        ApiKeyId key = new ApiKeyId(UUID.randomUUID());
        try (var limits = new RedisApiKeyRateLimit(client, prefix, 2_000, 400)) {
            for (int i = 0; i < 5; i++) {
                assertThat(limits.admit(key).toCompletableFuture().join()).isZero();
                sleep(60);
            }

            assertThat(limits.scriptCalls()).isEqualTo(5);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
