package com.sendline.domain.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;

class RetryScheduleTest {
    private static final RetrySchedule SCHEDULE = RetrySchedule.DEFAULT;

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
    void the_ceiling_grows_10s_30s_90s_4m30s_13m30s_40m30s_then_stays_at_one_hour() {
        assertThat(SCHEDULE.ceiling(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(SCHEDULE.ceiling(2)).isEqualTo(Duration.ofSeconds(30));
        assertThat(SCHEDULE.ceiling(3)).isEqualTo(Duration.ofSeconds(90));
        assertThat(SCHEDULE.ceiling(4)).isEqualTo(Duration.ofSeconds(270));
        assertThat(SCHEDULE.ceiling(5)).isEqualTo(Duration.ofSeconds(810));
        assertThat(SCHEDULE.ceiling(6)).isEqualTo(Duration.ofSeconds(2430));
        assertThat(SCHEDULE.ceiling(7)).isEqualTo(Duration.ofHours(1));
        assertThat(SCHEDULE.ceiling(50)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void a_delay_is_jittered_between_a_tenth_of_the_ceiling_and_the_ceiling() {
        assertThat(SCHEDULE.delayAfter(2, Optional.empty(), pinned(0.0))).isEqualTo(Duration.ofSeconds(3));
        assertThat(SCHEDULE.delayAfter(2, Optional.empty(), pinned(0.999999))).isCloseTo(Duration.ofSeconds(30),
                Duration.ofMillis(1));
        SplittableRandom random = new SplittableRandom(7);
        for (int attempt = 1; attempt <= 10; attempt++) {
            Duration ceiling = SCHEDULE.ceiling(attempt);
            for (int i = 0; i < 200; i++) {
                assertThat(SCHEDULE.delayAfter(attempt, Optional.empty(), random))
                        .isBetween(ceiling.dividedBy(10), ceiling);
            }
        }
    }

    @Test
    void a_longer_retry_after_is_honoured_up_to_the_cap_and_a_shorter_one_changes_nothing() {
        assertThat(SCHEDULE.delayAfter(1, Optional.of(Duration.ofMinutes(2)), pinned(0.5)))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(SCHEDULE.delayAfter(1, Optional.of(Duration.ofHours(5)), pinned(0.5))).isEqualTo(Duration.ofHours(1));
        assertThat(SCHEDULE.delayAfter(1, Optional.of(Duration.ofSeconds(1)), pinned(0.5)))
                .isEqualTo(Duration.ofMillis(5500));
    }

    @Test
    void a_delivery_is_tried_at_most_max_attempts_times() {
        RetrySchedule three = new RetrySchedule(Duration.ofMillis(100), Duration.ofSeconds(1), 3);

        assertThat(three.triesAgainAfter(1)).isTrue();
        assertThat(three.triesAgainAfter(2)).isTrue();
        assertThat(three.triesAgainAfter(3)).isFalse();
    }
}
