package com.sendline.application.recurring;

/** The business has no such recurring schedule (or it belongs to another business: the answer is the same). */
public final class UnknownSchedule extends RuntimeException {
    public UnknownSchedule(String message) {
        super(message, null, false, false);
    }
}
