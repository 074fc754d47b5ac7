package com.sendline.adapters.recurrence;

import com.sendline.domain.scheduling.RecurrenceCalendar;
import com.sendline.domain.scheduling.RecurrenceRule;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Drives a calendar the way the scheduler does: fire, then ask for the next one after that. */
final class Firings {
    private Firings() {
    }

    /** Every firing strictly after {@code after} and not after {@code until}. */
    static List<Instant> between(RecurrenceCalendar calendar, RecurrenceRule rule, ZoneId zone,
            LocalDateTime start, Instant after, Instant until) {
        List<Instant> firings = new ArrayList<>();
        Instant cursor = after;
        for (int guard = 0; guard < 10_000; guard++) {
            Optional<Instant> next = calendar.nextAfter(rule, zone, start, cursor);
            if (next.isEmpty() || next.get().isAfter(until)) {
                return firings;
            }
            firings.add(next.get());
            cursor = next.get();
        }
        throw new AssertionError("more than 10000 firings");
    }
}
