package com.sendline.adapters.recurrence;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.sendline.domain.scheduling.RecurrenceRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValidationTest {
    private final LibraryRecurrenceCalendar calendar = new LibraryRecurrenceCalendar();

    @ParameterizedTest
    @ValueSource(strings = {"30 2 * * 0", "0 9 * * MON-FRI", "*/15 8-18 * * *", "0 9 1,15 * *", "0 0 29 2 *",
            "0 9 * JAN,JUL 7"})
    void accepts_ordinary_cron(String cron) {
        assertThatCode(() -> calendar.validate(RecurrenceRule.cron(cron))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0", "RRULE:FREQ=DAILY;COUNT=10",
            "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29", "FREQ=MINUTELY;INTERVAL=5",
            "FREQ=MINUTELY;BYSECOND=30", "FREQ=DAILY;UNTIL=20270103T080000Z", "FREQ=DAILY;UNTIL=20270103;",
            "freq=daily;byhour=9", "BYDAY=MO;FREQ=WEEKLY"})
    void accepts_ordinary_rrules(String rrule) {
        assertThatCode(() -> calendar.validate(RecurrenceRule.rrule(rrule))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"* * *", "0 9 * * * *", "@daily"})
    void cron_with_the_wrong_number_of_fields_says_which_five(String cron) {
        assertThatIllegalArgumentException().isThrownBy(() -> calendar.validate(RecurrenceRule.cron(cron)))
                .withMessage("cron must have 5 fields (minute hour day-of-month month day-of-week): " + cron);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            60 * * * *     | cron minute field '60' is not valid: value 60 not in range [0, 59]
            0 24 * * *     | cron hour field '24' is not valid: value 24 not in range [0, 23]
            0 9 0 * *      | cron day-of-month field '0' is not valid: value 0 not in range [1, 31]
            0 9 * 13 *     | cron month field '13' is not valid: value 13 not in range [1, 12]
            0 9 * * 8      | cron day-of-week field '8' is not valid: value 8 not in range [0, 7]
            0 9 * * monday | cron day-of-week field 'monday' is not valid: use numbers, names such as MON or JAN, and * , - /
            """)
    void cron_out_of_range_names_the_field(String cron, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> calendar.validate(RecurrenceRule.cron(cron)))
                .withMessage(message + ": " + cron);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 0 31 2 *", "0 0 30 2 *", "0 9 31 4,6,9,11 *"})
    void cron_that_can_never_fire_is_refused(String cron) {
        assertThatIllegalArgumentException().isThrownBy(() -> calendar.validate(RecurrenceRule.cron(cron)))
                .withMessage("cron never fires (is it a date like 31 February?): " + cron);
    }

    @ParameterizedTest
    @ValueSource(strings = {"BYDAY=MO;BYHOUR=9", "COUNT=3"})
    void rrule_without_freq_shows_an_example(String rrule) {
        assertThatIllegalArgumentException().isThrownBy(() -> calendar.validate(RecurrenceRule.rrule(rrule)))
                .withMessage("RRULE needs a FREQ, e.g. FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0: " + rrule);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            FREQ=DAILY;BYHOUR=25     | RRULE part 'BYHOUR=25' is not valid
            FREQ=DAILY;INTERVAL=0    | RRULE part 'INTERVAL=0' is not valid
            FREQ=FORTNIGHTLY         | RRULE part 'FREQ=FORTNIGHTLY' is not valid
            FREQ=WEEKLY;BYDAY=XX     | RRULE part 'BYDAY=XX' is not valid
            FREQ=DAILY;EVERY=2       | RRULE part 'EVERY=2' is not valid
            FREQ=DAILY;BYHOUR        | RRULE part 'BYHOUR' is not valid
            """)
    void unreadable_rrule_names_the_part(String rrule, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> calendar.validate(RecurrenceRule.rrule(rrule)))
                .withMessageStartingWith(message)
                .withMessageEndingWith("e.g. FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0: " + rrule);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            FREQ=SECONDLY                | RRULE may fire at most once a minute; use FREQ=MINUTELY or coarser instead of SECONDLY
            FREQ=SECONDLY;INTERVAL=60    | RRULE may fire at most once a minute; use FREQ=MINUTELY or coarser instead of SECONDLY
            FREQ=MINUTELY;BYSECOND=0,30  | RRULE may fire at most once a minute; give BYSECOND one value or leave it out
            """)
    void rrule_firing_more_than_once_a_minute_is_refused(String rrule, String message) {
        assertThatIllegalArgumentException().isThrownBy(() -> calendar.validate(RecurrenceRule.rrule(rrule)))
                .withMessage(message + ": " + rrule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31;COUNT=5",
            "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=29"})
    void rrule_that_never_fires_or_too_rarely_for_its_freq_is_refused(String rrule) {
        assertThatIllegalArgumentException().isThrownBy(() -> calendar.validate(RecurrenceRule.rrule(rrule)))
                .withMessageStartingWith("RRULE never fires, or too rarely for FREQ=")
                .withMessageEndingWith(": " + rrule);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FREQ=DAILY;COUNT=100001", "FREQ=MINUTELY;COUNT=2000000000"})
    void rrule_with_a_huge_count_is_refused(String rrule) {
        assertThatIllegalArgumentException().isThrownBy(() -> calendar.validate(RecurrenceRule.rrule(rrule)))
                .withMessage("RRULE COUNT may be at most 100000: " + rrule);
    }
}
