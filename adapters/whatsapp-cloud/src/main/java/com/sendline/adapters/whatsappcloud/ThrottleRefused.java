package com.sendline.adapters.whatsappcloud;

import java.util.Objects;

/** The throttle did not let a send through; trying later may work. */
public final class ThrottleRefused extends Exception {
    /** The number's queue of sends is longer than the longest wait allowed. */
    public static final String BUSY = "THROTTLED";
    /** The shared throttle state (Redis) could not be reached. */
    public static final String UNAVAILABLE = "THROTTLE_UNAVAILABLE";

    private final String code;

    public ThrottleRefused(String code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    public String code() {
        return code;
    }
}
