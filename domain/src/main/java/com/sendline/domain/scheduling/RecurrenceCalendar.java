package com.sendline.domain.scheduling;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Works out when a recurrence rule fires, in a business's time zone. Rules are read in local wall-clock time:
 * "every day at 09:00" stays at 09:00 across daylight-saving changes. A local time that does not exist (clocks
 * jump from 02:00 to 03:00) fires at the same distance after the jump (02:30 → 03:30); a local time that happens
 * twice (clocks go back) fires once, at the first of the two.
 */
public interface RecurrenceCalendar {
    /** @throws IllegalArgumentException with a message a user can act on, when the rule cannot be read */
    void validate(RecurrenceRule rule);

    /**
     * The first occurrence strictly after {@code after}; empty when the rule has ended (an RRULE with COUNT or
     * UNTIL).
     *
     * @param start local date-time the rule counts from (an RRULE's DTSTART; a cron rule fires only after it)
     */
    Optional<Instant> nextAfter(RecurrenceRule rule, ZoneId zone, LocalDateTime start, Instant after);
}
