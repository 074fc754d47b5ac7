package com.sendline.domain.session;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * What to do after WhatsApp's stream error 515 ("restart required"), which a session may hit several times in a row
 * while WhatsApp sheds load: retry with exponential backoff (5 s, 10 s, 20 s, ... capped at 120 s, ±25 % jitter), and
 * after five in a row park the device for 10 minutes plus up to 25 % extra, instead of hammering a server that keeps
 * refusing it.
 */
public final class StreamErrorBackoff {
    public static final int PARK_AFTER = 5;
    static final Duration FIRST = Duration.ofSeconds(5);
    static final Duration CAP = Duration.ofSeconds(120);
    static final Duration PARK = Duration.ofMinutes(10);

    private StreamErrorBackoff() {
    }

    /** The answer to one more 515. */
    public sealed interface Decision permits RetryAfter, Park {
        Duration delay();
    }

    public record RetryAfter(Duration delay) implements Decision {
    }

    public record Park(Duration delay) implements Decision {
    }

    /** @param consecutive515s 1 for the first 515 since the last healthy session */
    public static Decision after(int consecutive515s, RandomGenerator random) {
        if (consecutive515s < 1) {
            throw new IllegalArgumentException("there is no backoff before an error");
        }
        if (consecutive515s >= PARK_AFTER) {
            return new Park(Jitter.upTo25PercentMore(PARK, random));
        }
        long millis = FIRST.toMillis() << (consecutive515s - 1);
        Duration base = Duration.ofMillis(Math.min(millis, CAP.toMillis()));
        Duration jittered = Jitter.plusMinus25Percent(base, random);
        return new RetryAfter(jittered.compareTo(CAP) > 0 ? CAP : jittered);
    }
}
