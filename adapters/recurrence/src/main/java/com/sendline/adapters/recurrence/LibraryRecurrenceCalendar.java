package com.sendline.adapters.recurrence;

import com.sendline.domain.scheduling.RecurrenceCalendar;
import com.sendline.domain.scheduling.RecurrenceRule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link RecurrenceCalendar} on cron-utils (cron) and lib-recur (RRULE). The libraries only expand rules into
 * wall-clock date-times; turning those into instants, across daylight-saving changes, is done once in
 * {@link WallClock} so both kinds of rule behave the same. Stateless and safe to share between threads.
 */
public final class LibraryRecurrenceCalendar implements RecurrenceCalendar {
    private final CronRules cron = new CronRules();
    private final RRuleRules rrule = new RRuleRules();

    @Override
    public void validate(RecurrenceRule rule) {
        Objects.requireNonNull(rule, "rule");
        switch (rule.kind()) {
            case CRON -> cron.validate(rule.expression());
            case RRULE -> rrule.validate(rule.expression());
        }
    }

    /** Gives up (empty) when nothing fires within {@link LocalOccurrences#HORIZON} of {@code after} or start. */
    @Override
    public Optional<Instant> nextAfter(RecurrenceRule rule, ZoneId zone, LocalDateTime start, Instant after) {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(after, "after");
        LocalOccurrences occurrences = switch (rule.kind()) {
            case CRON -> cron.occurrences(rule.expression());
            case RRULE -> rrule.occurrences(rule.expression(), zone, start);
        };
        return WallClock.firstAfter(occurrences, zone, start, after);
    }
}
