package com.sendline.application.apiaccess;

/** The owner has no API key with that id (whether it exists for someone else is not said). */
public final class UnknownApiKey extends RuntimeException {
    public UnknownApiKey(String message) {
        super(message, null, false, false);
    }
}
