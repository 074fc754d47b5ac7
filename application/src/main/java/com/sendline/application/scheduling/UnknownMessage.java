package com.sendline.application.scheduling;

/** The business has no such message (or it belongs to another business: the answer is the same). */
public final class UnknownMessage extends RuntimeException {
    public UnknownMessage(String message) {
        super(message, null, false, false);
    }
}
