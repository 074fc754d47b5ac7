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
    private final java.time.Duration retryAfter;

    public SendFailure(String code, String message, boolean retryable, boolean sessionBroken) {
        this(code, message, retryable, sessionBroken, null);
    }

    /** @param retryAfter how long WhatsApp asked this message to wait (e.g. a recipient's pair rate limit), or null */
    public SendFailure(String code, String message, boolean retryable, boolean sessionBroken,
                       java.time.Duration retryAfter) {
        super(message, null, false, false);
        this.code = java.util.Objects.requireNonNull(code, "code");
        this.retryable = retryable;
        this.sessionBroken = sessionBroken;
        if (retryAfter != null && retryAfter.isNegative()) {
            throw new IllegalArgumentException("retry-after cannot be negative");
        }
        this.retryAfter = retryAfter;
    }

    /** When WhatsApp said when to try again; otherwise the engine's own retry backoff applies. */
    public java.util.Optional<java.time.Duration> retryAfter() {
        return java.util.Optional.ofNullable(retryAfter);
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
