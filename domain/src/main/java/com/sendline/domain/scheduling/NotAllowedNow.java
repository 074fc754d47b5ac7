package com.sendline.domain.scheduling;

/** A change a message's current state does not allow, with a stable code an API can return as is. */
public final class NotAllowedNow extends RuntimeException {
    private final String code;

    public NotAllowedNow(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** e.g. {@code ALREADY_SENDING}, {@code ALREADY_FINISHED} */
    public String code() {
        return code;
    }
}
