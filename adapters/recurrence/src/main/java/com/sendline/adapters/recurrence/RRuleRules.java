package com.sendline.adapters.recurrence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import org.dmfs.rfc5545.DateTime;
import org.dmfs.rfc5545.recur.Freq;
import org.dmfs.rfc5545.recur.InvalidRecurrenceRuleException;
import org.dmfs.rfc5545.recur.RecurrenceRule;
import org.dmfs.rfc5545.recur.RecurrenceRule.Part;
import org.dmfs.rfc5545.recur.RecurrenceRule.RfcMode;
import org.dmfs.rfc5545.recur.RecurrenceRuleIterator;

/**
 * RFC 5545 RRULEs, read with lib-recur. The library is only ever given floating (zone-less) date-times, so it
 * expands the rule in plain wall-clock time and {@link WallClock} alone decides what daylight saving does.
 */
final class RRuleRules {
    private static final String EXAMPLE = "e.g. FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0";

    /**
     * lib-recur has to count every occurrence from DTSTART to honour COUNT, so COUNT bounds the work of one
     * look-up; a hundred thousand is over 270 years of a daily message.
     */
    private static final int MAX_COUNT = 100_000;

    /** Any fixed date will do: a rule that fires at all fires within the horizon of any date. */
    private static final LocalDateTime SOME_DAY = LocalDateTime.of(2024, 1, 1, 0, 0);

    void validate(String expression) {
        RecurrenceRule rule = parse(expression);
        // COUNT and UNTIL depend on the real DTSTART; without them the check asks only whether the pattern can match.
        if (!occurrences(withoutEnd(expression), ZoneOffset.UTC, SOME_DAY).firesWithinHorizon(SOME_DAY)) {
            throw new IllegalArgumentException("RRULE never fires, or too rarely for FREQ=" + rule.getFreq()
                    + " (check dates like 30 February, or use a coarser FREQ): " + expression);
        }
    }

    LocalOccurrences occurrences(String expression, ZoneId zone, LocalDateTime start) {
        RecurrenceRule rule = parse(expression);
        floatUntil(rule, zone);
        DateTime dtstart = floating(start);
        return from -> {
            try {
                RecurrenceRuleIterator it = rule.iterator(dtstart);
                it.fastForward(floating(from));
                return new Floating(it, from);
            } catch (IllegalArgumentException gaveUp) {
                // lib-recur gives up on rules whose BY parts reject too many candidates in a row; nothing to fire.
                return Collections.emptyIterator();
            }
        };
    }

    private static RecurrenceRule parse(String expression) {
        String rule = expression.toUpperCase(Locale.ROOT);
        List<String> parts = parts(rule);
        String freq = parts.stream().filter(p -> p.startsWith("FREQ=")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("RRULE needs a FREQ, " + EXAMPLE + ": " + expression));
        RecurrenceRule parsed;
        try {
            parsed = new RecurrenceRule(String.join(";", parts), RfcMode.RFC5545_STRICT);
        } catch (InvalidRecurrenceRuleException e) {
            throw new IllegalArgumentException(explain(freq, parts, e) + ", " + EXAMPLE + ": " + expression, e);
        }
        refuseTooFrequent(parsed, expression);
        Integer count = parsed.getCount();
        if (count != null && count > MAX_COUNT) {
            throw new IllegalArgumentException("RRULE COUNT may be at most " + MAX_COUNT + ": " + expression);
        }
        return parsed;
    }

    /** Messages go out at most once a minute; anything denser is a mistake or abuse. */
    private static void refuseTooFrequent(RecurrenceRule rule, String expression) {
        if (rule.getFreq() == Freq.SECONDLY) {
            throw new IllegalArgumentException(
                    "RRULE may fire at most once a minute; use FREQ=MINUTELY or coarser instead of SECONDLY: "
                            + expression);
        }
        if (rule.hasPart(Part.BYSECOND) && rule.getByPart(Part.BYSECOND).size() > 1) {
            throw new IllegalArgumentException(
                    "RRULE may fire at most once a minute; give BYSECOND one value or leave it out: " + expression);
        }
    }

    /** lib-recur does not say which part is wrong; parsing each part alone next to FREQ finds it. */
    private static String explain(String freq, List<String> parts, InvalidRecurrenceRuleException whole) {
        for (String part : parts) {
            String alone = part.equals(freq) ? freq : freq + ";" + part;
            try {
                new RecurrenceRule(alone, RfcMode.RFC5545_STRICT);
            } catch (InvalidRecurrenceRuleException | RuntimeException e) {
                return "RRULE part '" + part + "' is not valid (" + e.getMessage() + ")";
            }
        }
        return "RRULE is not valid (" + whole.getMessage() + ")";
    }

    private static List<String> parts(String rule) {
        List<String> parts = new ArrayList<>();
        for (String part : rule.split(";")) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private static String withoutEnd(String expression) {
        List<String> parts = new ArrayList<>(parts(expression.toUpperCase(Locale.ROOT)));
        parts.removeIf(p -> p.startsWith("COUNT=") || p.startsWith("UNTIL="));
        return String.join(";", parts);
    }

    /**
     * RFC 5545 wants UNTIL in UTC when DTSTART has a zone, and people also write a bare date; lib-recur refuses to
     * compare either with a floating start, so UNTIL is turned into wall-clock time too. A bare date means "up to
     * the end of that day".
     */
    private static void floatUntil(RecurrenceRule rule, ZoneId zone) {
        DateTime until = rule.getUntil();
        if (until == null || (until.isFloating() && !until.isAllDay())) {
            return;
        }
        LocalDateTime local = until.isAllDay()
                ? LocalDate.of(until.getYear(), until.getMonth() + 1, until.getDayOfMonth()).atTime(LocalTime.MAX)
                : LocalDateTime.ofInstant(Instant.ofEpochMilli(until.getTimestamp()), zone);
        rule.setUntil(floating(local));
    }

    /** lib-recur counts months from 0 and has no sub-second precision. */
    private static DateTime floating(LocalDateTime local) {
        return new DateTime(local.getYear(), local.getMonthValue() - 1, local.getDayOfMonth(),
                local.getHour(), local.getMinute(), local.getSecond());
    }

    private static LocalDateTime local(DateTime floating) {
        return LocalDateTime.of(floating.getYear(), floating.getMonth() + 1, floating.getDayOfMonth(),
                floating.getHours(), floating.getMinutes(), floating.getSeconds());
    }

    /** lib-recur's iterator as wall-clock times, no earlier than {@code from}. */
    private static final class Floating implements Iterator<LocalDateTime> {
        private final RecurrenceRuleIterator it;
        private final LocalDateTime from;
        private LocalDateTime next;
        private boolean ended;

        Floating(RecurrenceRuleIterator it, LocalDateTime from) {
            this.it = it;
            this.from = from;
        }

        @Override
        public boolean hasNext() {
            while (next == null && !ended) {
                if (!it.hasNext()) {
                    ended = true;
                    break;
                }
                LocalDateTime candidate = local(it.peekDateTime());
                try {
                    it.nextDateTime();
                } catch (IllegalArgumentException gaveUp) {
                    // lib-recur reads one ahead and may give up there (see occurrences): this one still counts.
                    ended = true;
                }
                // fastForward works in whole seconds, so a `from` with a fraction can let one earlier through.
                next = candidate.isBefore(from) ? null : candidate;
            }
            return next != null;
        }

        @Override
        public LocalDateTime next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            LocalDateTime current = next;
            next = null;
            return current;
        }
    }
}
