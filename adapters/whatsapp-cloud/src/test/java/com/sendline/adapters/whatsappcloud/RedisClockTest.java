package com.sendline.adapters.whatsappcloud;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Mapping Redis's instants onto this worker's clock: by the quickest answer seen, so never early, barely late. */
class RedisClockTest {
    private static final long REDIS_NOW_MICROS = 1_796_000_000_000_000L;

    @Test
    void an_instant_maps_through_the_quickest_answer_not_the_latest() {
        RedisPhoneThrottle.RedisClock clock = new RedisPhoneThrottle.RedisClock();
        long t = System.nanoTime();
        // Redis said "now" at REDIS_NOW; the answers reached us 0.3 ms, then 12 ms (a busy machine) after it.
        clock.observe(t + 300_000 - REDIS_NOW_MICROS * 1_000, t + 300_000);
        clock.observe(t + 5_000_000 + 12_000_000 - (REDIS_NOW_MICROS + 5_000) * 1_000, t + 17_000_000);

        // 20 ms after Redis's now: 20.3 ms after our t, whichever answer brought the instant.
        assertThat(clock.local(REDIS_NOW_MICROS + 20_000) - t).isEqualTo(20_300_000);
    }

    @Test
    void samples_older_than_two_periods_are_forgotten_so_a_clock_that_drifts_away_is_followed() {
        RedisPhoneThrottle.RedisClock clock = new RedisPhoneThrottle.RedisClock();
        long t = System.nanoTime();
        clock.observe(t - REDIS_NOW_MICROS * 1_000, t);
        long later = t + TimeUnit.SECONDS.toNanos(25);
        // Redis's clock now runs 2 ms behind where it did: instants come 2 ms later on ours.
        clock.observe(later - (REDIS_NOW_MICROS + 25_000_000 - 2_000) * 1_000, later);
        long evenLater = later + TimeUnit.SECONDS.toNanos(11);
        clock.observe(evenLater - (REDIS_NOW_MICROS + 36_000_000 - 2_000) * 1_000, evenLater);

        assertThat(clock.local(REDIS_NOW_MICROS + 36_000_000) - evenLater).isEqualTo(2_000_000);
    }
}
