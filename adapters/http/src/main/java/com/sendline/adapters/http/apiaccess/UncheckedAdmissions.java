package com.sendline.adapters.http.apiaccess;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says that a limit could not be asked and calls go through unchecked — at most once a minute, however many calls
 * it admits while Redis is away, so an outage does not flood the log.
 */
final class UncheckedAdmissions {
    private static final long EVERY = Duration.ofMinutes(1).toNanos();
    private final Logger log;
    private final String message;
    /** When the last warning went out; set a minute back so the first one always does (nanoTime may be negative). */
    private final AtomicLong last = new AtomicLong(System.nanoTime() - EVERY - 1);

    /** @param message the warning, with one {@code {}} for the failure */
    UncheckedAdmissions(Logger log, String message) {
        this.log = log;
        this.message = message;
    }

    void admitted(Throwable failure) {
        long now = System.nanoTime();
        long before = last.get();
        if (now - before > EVERY && last.compareAndSet(before, now)) {
            log.warn(message, failure.toString());
        }
    }
}
