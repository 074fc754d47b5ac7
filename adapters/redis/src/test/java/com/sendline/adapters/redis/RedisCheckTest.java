package com.sendline.adapters.redis;

import com.sendline.application.operations.CheckResult;
import com.sendline.testkit.TestServices;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedisCheckTest {
    @Test
    void a_reachable_redis_is_up() {
        RedisClient client = RedisConnections.open(
                RedisConnections.parse(TestServices.endpoints().redisUrl(), Duration.ofSeconds(2)), Duration.ofSeconds(2));
        try (RedisCheck check = new RedisCheck("redis-queue", client)) {
            CheckResult result = check.check();
            assertThat(result.up()).isTrue();
            assertThat(check.name()).isEqualTo("redis-queue");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void an_unreachable_redis_is_down_with_a_reason_and_no_exception() {
        RedisClient client = RedisConnections.open(
                RedisConnections.parse("redis://127.0.0.1:1", Duration.ofSeconds(1)), Duration.ofSeconds(1));
        try (RedisCheck check = new RedisCheck("redis-cache", client)) {
            CheckResult result = check.check();
            assertThat(result.up()).isFalse();
            assertThat(result.detail()).startsWith("no answer to PING");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void urls_that_are_not_redis_urls_are_refused_without_echoing_secrets() {
        assertThatThrownBy(() -> RedisConnections.parse("http://x:6379", Duration.ofSeconds(1)))
                .hasMessageContaining("must start with redis://");
        assertThatThrownBy(() -> RedisConnections.parse("redis://:hunter2@", Duration.ofSeconds(1)))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }
}
