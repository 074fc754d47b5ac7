package com.sendline.domain.scheduling;

import java.util.Objects;

/**
 * When a recurring schedule fires, as a user wrote it: a five-field cron expression ({@code 30 2 * * 0}) or an
 * RFC 5545 RRULE ({@code FREQ=WEEKLY;BYDAY=MO;BYHOUR=9;BYMINUTE=0}). Whether the text is valid is for the
 * {@link RecurrenceCalendar} to say; here only its shape is checked.
 */
public record RecurrenceRule(Kind kind, String expression) {
    public static final int MAX_LENGTH = 500;

    public enum Kind { CRON, RRULE }

    public RecurrenceRule {
        Objects.requireNonNull(kind, "rule kind");
        Objects.requireNonNull(expression, "rule");
        expression = expression.strip();
        if (expression.isEmpty()) {
            throw new IllegalArgumentException(kind.name().toLowerCase(java.util.Locale.ROOT) + " is empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("rule is longer than " + MAX_LENGTH + " characters");
        }
        if (kind == Kind.RRULE && expression.regionMatches(true, 0, "RRULE:", 0, 6)) {
            expression = expression.substring(6);
        }
    }

    public static RecurrenceRule cron(String expression) {
        return new RecurrenceRule(Kind.CRON, expression);
    }

    public static RecurrenceRule rrule(String expression) {
        return new RecurrenceRule(Kind.RRULE, expression);
    }
}
