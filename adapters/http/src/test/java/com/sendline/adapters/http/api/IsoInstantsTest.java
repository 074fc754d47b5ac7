package com.sendline.adapters.http.api;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IsoInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2027-01-31T09:00:00Z", "2027-01-31T10:00:00+01:00", "2027-01-31T04:30:00-04:30",
            "2027-01-31T09:00:00.000Z", "2027-01-31T09:00:00.5Z", "2027-01-31T09:00:00.123456789Z",
            "2027-01-31T09:00Z", "2027-01-31T09:00:00.Z", "2027-01-31t09:00:00z", "2027-01-31T10:00:00+01:00:00"})
    void reads_what_the_jdk_reads(String text) {
        assertThat(IsoInstants.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant())
                .isEqualTo(Instant.parse("2027-01-31T09:00:00Z").plusNanos(nanos(text)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2027-02-30T09:00:00Z", "2027-01-31T24:00:00Z", "2027-01-31T09:00:60Z",
            "2027-01-31T09:00:00+19:00", "2027-01-31T09:00:00", "2027-01-31 09:00:00Z",
            "2027-01-31T09:00:00.1234567891Z", "27-01-31T09:00:00Z", "2027-1-31T09:00:00Z", "tomorrow",
            "2027-01-31T09:00:00+0100", "2027-01-31T09:00:00Zulu", "２０２７-01-31T09:00:00Z"})
    void refuses_what_the_jdk_refuses(String text) {
        assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> OffsetDateTime.parse(text));
        assertThatExceptionOfType(DateTimeParseException.class).isThrownBy(() -> IsoInstants.parse(text));
    }

    @Test
    void agrees_with_the_jdk_on_random_near_misses_of_the_usual_shape() {
        Random random = new Random(20261207);
        String alphabet = "0123456789T:-+Z.z ";
        int quick = 0;
        for (int i = 0; i < 200_000; i++) {
            char[] text = String.format("%04d-%02d-%02dT%02d:%02d:%02d%s%s", random.nextInt(10_000),
                    random.nextInt(14), random.nextInt(33), random.nextInt(26), random.nextInt(62), random.nextInt(62),
                    random.nextBoolean() ? "" : "." + "123456789".substring(0, 1 + random.nextInt(9)),
                    random.nextBoolean() ? "Z" : String.format("%s%02d:%02d", random.nextBoolean() ? "+" : "-",
                            random.nextInt(20), random.nextInt(61))).toCharArray();
            if (random.nextInt(4) == 0) {
                text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String typed = new String(text);
            if (IsoInstants.quickly(typed) != null) {
                quick++;
            }
            assertThat(outcome(typed, true)).as(typed).isEqualTo(outcome(typed, false));
        }

        // Most of them valid and read by hand, or the comparison would say little.
        assertThat(quick).isGreaterThan(50_000);
    }

    private static String outcome(String text, boolean ours) {
        try {
            return (ours ? IsoInstants.parse(text) : OffsetDateTime.parse(text).toInstant()).toString();
        } catch (DateTimeParseException e) {
            return "refused";
        }
    }

    private static long nanos(String text) {
        int dot = text.indexOf('.');
        if (dot < 0) {
            return 0;
        }
        String fraction = text.substring(dot + 1, text.length() - 1);
        if (fraction.isEmpty()) {
            return 0;
        }
        return Long.parseLong((fraction + "000000000").substring(0, 9));
    }
}
