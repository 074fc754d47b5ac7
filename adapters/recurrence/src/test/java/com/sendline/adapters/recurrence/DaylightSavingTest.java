package com.sendline.adapters.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import com.sendline.domain.scheduling.RecurrenceRule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * In 2027 Berlin springs forward on 28 March (02:00 → 03:00) and falls back on 31 October (03:00 → 02:00);
 * New York springs forward on 14 March and falls back on 7 November.
 */
class DaylightSavingTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDateTime JAN_2027 = LocalDateTime.of(2027, 1, 1, 0, 0);

    private final LibraryRecurrenceCalendar calendar = new LibraryRecurrenceCalendar();

    static List<Arguments> dailyAtNine() {
        return List.of(
                Arguments.of(RecurrenceRule.cron("0 9 * * *"), JAN_2027),
                Arguments.of(RecurrenceRule.rrule("FREQ=DAILY"), LocalDateTime.of(2027, 1, 1, 9, 0)));
    }

    static List<Arguments> dailyAtHalfPastTwo() {
        return List.of(
                Arguments.of(RecurrenceRule.cron("30 2 * * *"), JAN_2027),
                Arguments.of(RecurrenceRule.rrule("FREQ=DAILY;BYHOUR=2;BYMINUTE=30"), JAN_2027),
                Arguments.of(RecurrenceRule.rrule("RRULE:FREQ=DAILY"), LocalDateTime.of(2027, 1, 1, 2, 30)));
    }

    static List<Arguments> dailyAtHalfPastOne() {
        return List.of(
                Arguments.of(RecurrenceRule.cron("30 1 * * *"), JAN_2027),
                Arguments.of(RecurrenceRule.rrule("FREQ=DAILY;BYHOUR=1;BYMINUTE=30"), JAN_2027));
    }

    @ParameterizedTest
    @MethodSource("dailyAtNine")
    void nine_oclock_stays_nine_oclock_local_across_both_changes(RecurrenceRule rule, LocalDateTime start) {
        assertThat(Firings.between(calendar, rule, BERLIN, start, at("2027-03-26T12:00:00Z"),
                at("2027-03-29T12:00:00Z")))
                .containsExactly(at("2027-03-27T08:00:00Z"), at("2027-03-28T07:00:00Z"), at("2027-03-29T07:00:00Z"));
        assertThat(Firings.between(calendar, rule, BERLIN, start, at("2027-10-29T12:00:00Z"),
                at("2027-11-01T12:00:00Z")))
                .containsExactly(at("2027-10-30T07:00:00Z"), at("2027-10-31T08:00:00Z"), at("2027-11-01T08:00:00Z"));
    }

    @ParameterizedTest
    @MethodSource("dailyAtHalfPastTwo")
    void a_time_skipped_in_spring_fires_once_an_hour_later(RecurrenceRule rule, LocalDateTime start) {
        assertThat(Firings.between(calendar, rule, BERLIN, start, at("2027-03-27T00:00:00Z"),
                at("2027-03-29T12:00:00Z")))
                .containsExactly(
                        at("2027-03-27T01:30:00Z"), // 02:30 CET
                        at("2027-03-28T01:30:00Z"), // 02:30 does not exist: 03:30 CEST
                        at("2027-03-29T00:30:00Z")); // 02:30 CEST
    }

    @ParameterizedTest
    @MethodSource("dailyAtHalfPastTwo")
    void a_time_repeated_in_autumn_fires_once_at_the_first(RecurrenceRule rule, LocalDateTime start) {
        assertThat(Firings.between(calendar, rule, BERLIN, start, at("2027-10-30T00:00:00Z"),
                at("2027-11-01T12:00:00Z")))
                .containsExactly(
                        at("2027-10-30T00:30:00Z"), // 02:30 CEST
                        at("2027-10-31T00:30:00Z"), // first 02:30, still CEST; not again at 01:30Z
                        at("2027-11-01T01:30:00Z")); // 02:30 CET
    }

    @ParameterizedTest
    @MethodSource("dailyAtHalfPastTwo")
    void asking_just_after_the_jump_still_finds_the_shifted_time(RecurrenceRule rule, LocalDateTime start) {
        // 03:10 CEST: the skipped 02:30 has not fired yet, it is due at 03:30.
        assertThat(calendar.nextAfter(rule, BERLIN, start, at("2027-03-28T01:10:00Z")))
                .contains(at("2027-03-28T01:30:00Z"));
    }

    @ParameterizedTest
    @MethodSource("dailyAtHalfPastTwo")
    void asking_during_the_repeated_hour_does_not_fire_it_again(RecurrenceRule rule, LocalDateTime start) {
        // 02:10 CET, the second pass through 02:xx: today's 02:30 already fired in the first.
        assertThat(calendar.nextAfter(rule, BERLIN, start, at("2027-10-31T01:10:00Z")))
                .contains(at("2027-11-01T01:30:00Z"));
    }

    @ParameterizedTest
    @MethodSource("dailyAtHalfPastTwo")
    void new_york_springs_forward_too(RecurrenceRule rule, LocalDateTime start) {
        assertThat(Firings.between(calendar, rule, NEW_YORK, start, at("2027-03-13T00:00:00Z"),
                at("2027-03-15T12:00:00Z")))
                .containsExactly(
                        at("2027-03-13T07:30:00Z"), // 02:30 EST
                        at("2027-03-14T07:30:00Z"), // 02:30 does not exist: 03:30 EDT
                        at("2027-03-15T06:30:00Z")); // 02:30 EDT
    }

    @ParameterizedTest
    @MethodSource("dailyAtHalfPastOne")
    void new_york_repeats_half_past_one_and_fires_once(RecurrenceRule rule, LocalDateTime start) {
        assertThat(Firings.between(calendar, rule, NEW_YORK, start, at("2027-11-06T00:00:00Z"),
                at("2027-11-08T12:00:00Z")))
                .containsExactly(
                        at("2027-11-06T05:30:00Z"), // 01:30 EDT
                        at("2027-11-07T05:30:00Z"), // first 01:30, EDT; not again at 06:30Z
                        at("2027-11-08T06:30:00Z")); // 01:30 EST
    }

    @Test
    void every_quarter_hour_on_the_short_day_fires_each_real_quarter_once() {
        List<Instant> firings = Firings.between(calendar, RecurrenceRule.cron("*/15 * * * *"), BERLIN, JAN_2027,
                at("2027-03-27T22:59:00Z"), at("2027-03-28T21:59:00Z"));

        // 23 real hours; the four skipped quarters land on 03:00-03:45, which fire anyway.
        assertThat(firings).hasSize(23 * 4).doesNotHaveDuplicates().isSorted();
        assertThat(firings).contains(at("2027-03-28T00:45:00Z"), at("2027-03-28T01:00:00Z"));
    }

    @Test
    void shifted_times_and_times_just_after_the_jump_fire_in_real_order() {
        // Every 40 minutes from midnight: 02:00 and 02:40 are skipped and land on 03:00 and 03:40 CEST, around the
        // real 03:20; all three must fire, in that order.
        List<Instant> firings = Firings.between(calendar, RecurrenceRule.rrule("FREQ=MINUTELY;INTERVAL=40"), BERLIN,
                LocalDateTime.of(2027, 3, 28, 0, 0), at("2027-03-27T22:00:00Z"), at("2027-03-28T21:59:00Z"));

        assertThat(firings).hasSize(36).doesNotHaveDuplicates().isSorted()
                .containsSubsequence(at("2027-03-28T01:00:00Z"), at("2027-03-28T01:20:00Z"),
                        at("2027-03-28T01:40:00Z"));
    }

    @Test
    void hourly_on_the_long_day_fires_the_repeated_hour_once() {
        List<Instant> firings = Firings.between(calendar, RecurrenceRule.rrule("FREQ=HOURLY"), BERLIN, JAN_2027,
                at("2027-10-30T21:59:00Z"), at("2027-10-31T22:59:00Z"));

        // 25 real hours, but 24 wall-clock hours: 02:00 fires at 00:00Z only, and 03:00 CET follows at 02:00Z.
        assertThat(firings).hasSize(24).doesNotHaveDuplicates().isSorted()
                .contains(at("2027-10-31T00:00:00Z"), at("2027-10-31T02:00:00Z"))
                .doesNotContain(at("2027-10-31T01:00:00Z"));
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }
}
