package com.sendline.adapters.recurrence;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;

/** Five-field UNIX cron ({@code minute hour day-of-month month day-of-week}), read with cron-utils. */
final class CronRules {
    private static final String[] FIELDS = {"minute", "hour", "day-of-month", "month", "day-of-week"};
    private static final String SHAPE = "cron must have 5 fields (minute hour day-of-month month day-of-week)";
    private static final String LIBRARY_PREFIX = "Failed to parse cron expression. ";

    /** Read-only once built, so one instance serves every thread. */
    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    /**
     * cron-utils only ever sees UTC, a zone without daylight saving, so it steps through plain wall-clock times
     * and never applies its own DST rules; {@link WallClock} maps them to the real zone.
     */
    private static final ZoneOffset NO_DST = ZoneOffset.UTC;

    /** Any fixed date will do: a rule that fires at all fires within the horizon of any date. */
    private static final LocalDateTime SOME_DAY = LocalDateTime.of(2024, 1, 1, 0, 0);

    void validate(String expression) {
        if (!occurrences(expression).firesWithinHorizon(SOME_DAY)) {
            throw new IllegalArgumentException("cron never fires (is it a date like 31 February?): " + expression);
        }
    }

    LocalOccurrences occurrences(String expression) {
        ExecutionTime times = ExecutionTime.forCron(parse(expression));
        return from -> new Steps(times, from);
    }

    private static Cron parse(String expression) {
        String[] fields = expression.strip().split("\\s+");
        if (fields.length != FIELDS.length) {
            throw new IllegalArgumentException(SHAPE + ": " + expression);
        }
        try {
            return PARSER.parse(expression);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(explain(fields, e) + ": " + expression, e);
        }
    }

    /** cron-utils does not say which field is wrong; parsing each field alone finds it. */
    private static String explain(String[] fields, IllegalArgumentException whole) {
        for (int i = 0; i < fields.length; i++) {
            String[] alone = {"*", "*", "*", "*", "*"};
            alone[i] = fields[i];
            try {
                PARSER.parse(String.join(" ", alone));
            } catch (IllegalArgumentException e) {
                return "cron " + FIELDS[i] + " field '" + fields[i] + "' is not valid: " + detail(e);
            }
        }
        return "cron is not valid: " + detail(whole);
    }

    private static String detail(IllegalArgumentException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("Invalid chars")) {
            return "use numbers, names such as MON or JAN, and * , - /";
        }
        if (message.startsWith(LIBRARY_PREFIX)) {
            message = message.substring(LIBRARY_PREFIX.length());
        }
        return message.isEmpty() ? message : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }

    /** Walks cron-utils forward one execution at a time, asking only when the next one is wanted. */
    private static final class Steps implements Iterator<LocalDateTime> {
        private final ExecutionTime times;
        private ZonedDateTime cursor;
        private Optional<ZonedDateTime> next;

        Steps(ExecutionTime times, LocalDateTime from) {
            this.times = times;
            // cron-utils returns executions strictly after its argument; one nanosecond back makes `from` count.
            this.cursor = from.minusNanos(1).atZone(NO_DST);
        }

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = times.nextExecution(cursor);
            }
            return next.isPresent();
        }

        @Override
        public LocalDateTime next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            cursor = next.get();
            next = null;
            return cursor.toLocalDateTime();
        }
    }
}
