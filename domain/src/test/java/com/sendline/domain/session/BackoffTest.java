package com.sendline.domain.session;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {
    /** A random source pinned to one value, to see the exact ends of the jitter range. */
    private static RandomGenerator pinned(double value) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    @Test
    void connect_failures_back_off_30s_60s_120s_5m_10m_then_30m_at_most() {
        RandomGenerator middle = pinned(0.5);
        assertThat(ConnectBackoff.delay(1, middle)).isEqualTo(Duration.ofSeconds(30));
        assertThat(ConnectBackoff.delay(2, middle)).isEqualTo(Duration.ofSeconds(60));
        assertThat(ConnectBackoff.delay(3, middle)).isEqualTo(Duration.ofSeconds(120));
        assertThat(ConnectBackoff.delay(4, middle)).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConnectBackoff.delay(5, middle)).isEqualTo(Duration.ofMinutes(10));
        assertThat(ConnectBackoff.delay(6, middle)).isEqualTo(Duration.ofMinutes(30));
        assertThat(ConnectBackoff.delay(60, middle)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void each_connect_delay_is_jittered_by_up_to_25_percent_either_way() {
        assertThat(ConnectBackoff.delay(1, pinned(0.0))).isEqualTo(Duration.ofMillis(22_500));
        assertThat(ConnectBackoff.delay(1, pinned(0.999_999))).isBetween(Duration.ofMillis(37_499), Duration.ofMillis(37_500));
        SplittableRandom random = new SplittableRandom(7);
        long distinct = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> ConnectBackoff.delay(3, random)).distinct().count();
        assertThat(distinct).as("devices failing together spread out").isGreaterThan(150);
    }

    @Test
    void stream_error_515_backs_off_exponentially_up_to_two_minutes() {
        RandomGenerator middle = pinned(0.5);
        assertThat(StreamErrorBackoff.after(1, middle)).isEqualTo(new StreamErrorBackoff.RetryAfter(Duration.ofSeconds(5)));
        assertThat(StreamErrorBackoff.after(2, middle)).isEqualTo(new StreamErrorBackoff.RetryAfter(Duration.ofSeconds(10)));
        assertThat(StreamErrorBackoff.after(4, middle)).isEqualTo(new StreamErrorBackoff.RetryAfter(Duration.ofSeconds(40)));
        assertThat(StreamErrorBackoff.after(4, pinned(0.999)).delay()).isLessThanOrEqualTo(Duration.ofSeconds(120));
    }

    @Test
    void the_fifth_515_in_a_row_parks_the_device_for_ten_minutes_plus_jitter() {
        StreamErrorBackoff.Decision low = StreamErrorBackoff.after(5, pinned(0.0));
        StreamErrorBackoff.Decision high = StreamErrorBackoff.after(9, pinned(0.999_999));

        assertThat(low).isInstanceOf(StreamErrorBackoff.Park.class);
        assertThat(low.delay()).isEqualTo(Duration.ofMinutes(10));
        assertThat(high).isInstanceOf(StreamErrorBackoff.Park.class);
        assertThat(high.delay()).isBetween(Duration.ofMinutes(12), Duration.ofSeconds(750));
    }

    @Test
    void there_is_no_backoff_before_a_failure() {
        assertThatThrownBy(() -> ConnectBackoff.delay(0, pinned(0.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StreamErrorBackoff.after(0, pinned(0.5))).isInstanceOf(IllegalArgumentException.class);
    }
}
