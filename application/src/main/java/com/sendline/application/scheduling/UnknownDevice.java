package com.sendline.application.scheduling;

/** The business has no such device (or it belongs to another business: the answer is the same). */
public final class UnknownDevice extends RuntimeException {
    public UnknownDevice(String message) {
        super(message, null, false, false);
    }
}
