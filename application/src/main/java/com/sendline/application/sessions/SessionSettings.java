package com.sendline.application.sessions;

import java.time.Duration;
import java.util.Objects;

/**
 * @param holder        this worker process's name in slot values (unique per process)
 * @param slotTtl       how long a slot outlives a process that stopped refreshing it
 * @param idleTimeout   a HOT session unused this long goes back to COLD
 * @param maxSlotWait   how long a due send waits for a slot before it is put back for a moment
 */
public record SessionSettings(String holder, Duration slotTtl, Duration idleTimeout, Duration maxSlotWait) {
    public SessionSettings {
        Objects.requireNonNull(holder, "holder");
        if (slotTtl.toMillis() < 300) {
            throw new IllegalArgumentException("a slot must live at least 300 ms");
        }
        if (idleTimeout.isNegative() || maxSlotWait.isNegative()) {
            throw new IllegalArgumentException("durations cannot be negative");
        }
    }

    public static SessionSettings defaults(String holder) {
        return new SessionSettings(holder, Duration.ofSeconds(15), Duration.ofMinutes(2), Duration.ofSeconds(5));
    }
}
