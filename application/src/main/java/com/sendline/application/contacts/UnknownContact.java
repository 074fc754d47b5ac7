package com.sendline.application.contacts;

/** The business has no such contact (or it belongs to another business: the answer is the same). */
public final class UnknownContact extends RuntimeException {
    public UnknownContact(String message) {
        super(message, null, false, false);
    }
}
