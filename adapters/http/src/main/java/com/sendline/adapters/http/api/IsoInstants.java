package com.sendline.adapters.http.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Instants as partners write them, ISO-8601 with an offset ({@code 2027-01-31T09:00:00Z}), read exactly as
 * {@link OffsetDateTime#parse} reads them. The usual shape, {@code yyyy-MM-ddTHH:mm:ss[.fraction](Z|±HH:MM)}, is read
 * by hand: the JDK's formatter was 2 % of the JVM's CPU at 5,000 scheduled messages a second. Anything else (a
 * missing second, lower-case letters, a year past 9999, an impossible date) goes to the formatter, which accepts it
 * or says what is wrong with it.
 */
public final class IsoInstants {
    private IsoInstants() {
    }

    /** @throws DateTimeParseException when the text is not an ISO-8601 date and time with an offset */
    public static Instant parse(String text) {
        Instant quick = quickly(text);
        return quick != null ? quick : OffsetDateTime.parse(text).toInstant();
    }

    /** The usual shape, or null for the formatter to decide. */
    static Instant quickly(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (s.charAt(at) == '.') {
            int start = ++at;
            while (at < n && at - start < 9 && isDigit(s.charAt(at))) {
                nanos = nanos * 10 + (s.charAt(at++) - '0');
            }
            int places = at - start;
            if (places == 0) {
                return null;
            }
            for (int i = places; i < 9; i++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (at == n - 1 && s.charAt(at) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (at == n - 6 && (s.charAt(at) == '+' || s.charAt(at) == '-') && s.charAt(at + 3) == ':') {
            int hours = digits(s, at + 1, at + 3);
            int minutes = digits(s, at + 4, at + 6);
            if ((hours | minutes) < 0) {
                return null;
            }
            try {
                offset = ZoneOffset.ofHoursMinutes(s.charAt(at) == '-' ? -hours : hours, s.charAt(at) == '-' ? -minutes : minutes);
            } catch (DateTimeException outOfRange) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    /** The ASCII digits from {@code from} to {@code to} as a number, or -1 when one is not a digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
