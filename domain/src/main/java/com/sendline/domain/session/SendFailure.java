package com.sendline.domain.session;

/**
 * WhatsApp did not take a message.
 *
 * @see #retryable() whether trying again later may work (a timeout, a dropped session) or never will (a number
 *      that is not on WhatsApp)
 */
public final class SendFailure extends Exception {
    private final String code;
    private final boolean retryable;
    private final boolean sessionBroken;

    public SendFailure(String code, String message, boolean retryable, boolean sessionBroken) {
        super(message, null, false, false);
        this.code = java.util.Objects.requireNonNull(code, "code");
        this.retryable = retryable;
        this.sessionBroken = sessionBroken;
    }

    /** A stable reason code, e.g. {@code TIMEOUT}, {@code NOT_ON_WHATSAPP}. */
    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The session is unusable after this failure and must be reconnected. */
    public boolean sessionBroken() {
        return sessionBroken;
    }
}
