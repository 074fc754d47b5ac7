package com.sendline.adapters.recurrence;

import static org.assertj.core.api.Assertions.assertThat;

import com.sendline.domain.scheduling.RecurrenceRule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class OccurrencesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Friday 1 January 2027, 09:00. */
    private static final LocalDateTime NEW_YEAR_NINE = LocalDateTime.of(2027, 1, 1, 9, 0);
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant FAR_AHEAD = Instant.parse("2040-01-01T00:00:00Z");

    private final LibraryRecurrenceCalendar calendar = new LibraryRecurrenceCalendar();

    @Test
    void count_ends_the_rule_after_that_many_firings() {
        RecurrenceRule rule = RecurrenceRule.rrule("FREQ=DAILY;COUNT=3");

        assertThat(Firings.between(calendar, rule, BERLIN, NEW_YEAR_NINE, LONG_AGO, FAR_AHEAD))
                .containsExactly(at("2027-01-01T08:00:00Z"), at("2027-01-02T08:00:00Z"), at("2027-01-03T08:00:00Z"));
        assertThat(calendar.nextAfter(rule, BERLIN, NEW_YEAR_NINE, at("2027-01-03T08:00:00Z"))).isEmpty();
    }

    @Test
    void count_still_counts_from_the_start_when_asked_late() {
        RecurrenceRule rule = RecurrenceRule.rrule("FREQ=DAILY;COUNT=3");

        assertThat(calendar.nextAfter(rule, BERLIN, NEW_YEAR_NINE, at("2027-01-02T12:00:00Z")))
                .contains(at("2027-01-03T08:00:00Z"));
        assertThat(calendar.nextAfter(rule, BERLIN, NEW_YEAR_NINE, at("2027-06-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void until_in_local_time_includes_that_occurrence() {
        RecurrenceRule rule = RecurrenceRule.rrule("FREQ=DAILY;UNTIL=20270103T090000");

        assertThat(Firings.between(calendar, rule, BERLIN, NEW_YEAR_NINE, LONG_AGO, FAR_AHEAD))
                .containsExactly(at("2027-01-01T08:00:00Z"), at("2027-01-02T08:00:00Z"), at("2027-01-03T08:00:00Z"));
    }

    @Test
    void until_in_utc_as_rfc_5545_asks_for_zoned_starts() {
        // 08:00Z is 09:00 in Berlin: the third day still fires; one minute earlier it would not.
        assertThat(Firings.between(calendar, RecurrenceRule.rrule("FREQ=DAILY;UNTIL=20270103T080000Z"), BERLIN,
                NEW_YEAR_NINE, LONG_AGO, FAR_AHEAD)).hasSize(3);
        assertThat(Firings.between(calendar, RecurrenceRule.rrule("FREQ=DAILY;UNTIL=20270103T075900Z"), BERLIN,
                NEW_YEAR_NINE, LONG_AGO, FAR_AHEAD)).hasSize(2);
    }

    @Test
    void until_as_a_date_includes_the_whole_day() {
        assertThat(Firings.between(calendar, RecurrenceRule.rrule("FREQ=DAILY;UNTIL=20270103"), BERLIN,
                NEW_YEAR_NINE, LONG_AGO, FAR_AHEAD))
                .containsExactly(at("2027-01-01T08:00:00Z"), at("2027-01-02T08:00:00Z"), at("2027-01-03T08:00:00Z"));
    }

    @Test
    void weekly_on_chosen_days_at_a_chosen_time() {
        RecurrenceRule rule = RecurrenceRule.rrule("FREQ=WEEKLY;BYDAY=MO,WE;BYHOUR=9;BYMINUTE=30");

        // Mondays and Wednesdays only; the Friday start itself is not a match and does not fire.
        assertThat(Firings.between(calendar, rule, NEW_YORK, NEW_YEAR_NINE, LONG_AGO, at("2027-01-14T00:00:00Z")))
                .containsExactly(at("2027-01-04T14:30:00Z"), at("2027-01-06T14:30:00Z"), at("2027-01-11T14:30:00Z"),
                        at("2027-01-13T14:30:00Z"));
    }

    @Test
    void weekly_every_other_week_counts_weeks_from_the_start() {
        RecurrenceRule rule = RecurrenceRule.rrule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO");

        assertThat(Firings.between(calendar, rule, ZoneOffset.UTC, LocalDateTime.of(2027, 1, 4, 9, 0), LONG_AGO,
                at("2027-02-01T00:00:00Z")))
                .containsExactly(at("2027-01-04T09:00:00Z"), at("2027-01-18T09:00:00Z"));
    }

    @Test
    void lowercase_rrule_is_read_like_uppercase() {
        assertThat(calendar.nextAfter(RecurrenceRule.rrule("freq=weekly;byday=mo"), ZoneOffset.UTC, NEW_YEAR_NINE,
                LONG_AGO)).contains(at("2027-01-04T09:00:00Z"));
    }

    @Test
    void cron_weekdays_in_new_york() {
        RecurrenceRule rule = RecurrenceRule.cron("0 8 * * MON-FRI");

        // Friday 1st, then Monday 4th: the weekend is skipped; 08:00 EST is 13:00Z.
        assertThat(Firings.between(calendar, rule, NEW_YORK, NEW_YEAR_NINE.minusHours(2), LONG_AGO,
                at("2027-01-05T00:00:00Z")))
                .containsExactly(at("2027-01-01T13:00:00Z"), at("2027-01-04T13:00:00Z"));
    }

    @Test
    void cron_with_day_of_month_and_day_of_week_fires_on_either_like_unix_cron() {
        // The 15th (a Friday in January 2027) or any Monday.
        assertThat(Firings.between(calendar, RecurrenceRule.cron("0 9 15 * 1"), ZoneOffset.UTC, NEW_YEAR_NINE,
                LONG_AGO, at("2027-01-19T00:00:00Z")))
                .containsExactly(at("2027-01-04T09:00:00Z"), at("2027-01-11T09:00:00Z"), at("2027-01-15T09:00:00Z"),
                        at("2027-01-18T09:00:00Z"));
    }

    @Test
    void cron_never_fires_before_its_start() {
        LocalDateTime start = LocalDateTime.of(2027, 3, 10, 9, 0, 30);

        // 09:00:00 on the start day is half a minute too early; the next day is the first.
        assertThat(calendar.nextAfter(RecurrenceRule.cron("0 9 * * *"), BERLIN, start, LONG_AGO))
                .contains(at("2027-03-11T08:00:00Z"));
        assertThat(calendar.nextAfter(RecurrenceRule.cron("0 9 * * *"), BERLIN, start.withSecond(0), LONG_AGO))
                .contains(at("2027-03-10T08:00:00Z"));
    }

    @Test
    void rrule_never_fires_before_its_start() {
        assertThat(calendar.nextAfter(RecurrenceRule.rrule("FREQ=DAILY;BYHOUR=7;BYMINUTE=0"), BERLIN, NEW_YEAR_NINE,
                LONG_AGO)).contains(at("2027-01-02T06:00:00Z"));
    }

    @Test
    void strictly_after_means_a_firing_at_that_instant_is_not_returned_again() {
        RecurrenceRule rule = RecurrenceRule.cron("* * * * *");

        assertThat(calendar.nextAfter(rule, BERLIN, NEW_YEAR_NINE, at("2027-05-05T10:00:00Z")))
                .contains(at("2027-05-05T10:01:00Z"));
        assertThat(calendar.nextAfter(rule, BERLIN, NEW_YEAR_NINE, at("2027-05-05T10:00:59.999Z")))
                .contains(at("2027-05-05T10:01:00Z"));
    }

    @Test
    void a_leap_day_rule_reaches_the_next_leap_year() {
        assertThat(calendar.nextAfter(RecurrenceRule.cron("0 9 29 2 *"), BERLIN, NEW_YEAR_NINE, LONG_AGO))
                .contains(at("2028-02-29T08:00:00Z"));
    }

    @Test
    @Timeout(5)
    void rules_that_never_fire_give_up_quickly_instead_of_searching_forever() {
        assertThat(calendar.nextAfter(RecurrenceRule.cron("0 0 31 2 *"), BERLIN, NEW_YEAR_NINE, LONG_AGO)).isEmpty();
        assertThat(calendar.nextAfter(RecurrenceRule.rrule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), BERLIN,
                NEW_YEAR_NINE, LONG_AGO)).isEmpty();
        assertThat(calendar.nextAfter(RecurrenceRule.rrule("FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=29"), BERLIN,
                NEW_YEAR_NINE, LONG_AGO)).isEmpty();
    }

    @Test
    @Timeout(5)
    void an_old_start_with_a_large_count_is_still_answered_promptly() {
        RecurrenceRule rule = RecurrenceRule.rrule("FREQ=MINUTELY;COUNT=100000");
        LocalDateTime start = LocalDateTime.of(2027, 1, 1, 0, 0);

        // 100000 minutes is 69 days 10 h 40 min: the last firing is on 11 March.
        assertThat(calendar.nextAfter(rule, ZoneOffset.UTC, start, at("2027-03-11T10:38:00Z")))
                .contains(at("2027-03-11T10:39:00Z"));
        assertThat(calendar.nextAfter(rule, ZoneOffset.UTC, start, at("2027-03-11T10:39:00Z"))).isEmpty();
    }

    @Test
    void the_calendar_can_be_shared_between_threads() throws Exception {
        RecurrenceRule rule = RecurrenceRule.cron("30 2 * * *");
        Callable<Optional<Instant>> ask = () -> calendar.nextAfter(rule, BERLIN, NEW_YEAR_NINE,
                at("2027-03-28T00:00:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Optional<Instant>> answer : pool.invokeAll(Collections.nCopies(64, ask))) {
                assertThat(answer.get()).contains(at("2027-03-28T01:30:00Z"));
            }
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

}
