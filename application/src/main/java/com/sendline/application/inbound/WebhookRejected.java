package com.sendline.application.inbound;

/** A webhook that is not taken: nothing of it was stored. */
public final class WebhookRejected extends RuntimeException {
    public enum Reason {
        /** No signature header, or not of Meta's form. */
        UNSIGNED,
        /** Signed, but by no secret we know: forged, or meant for another installation. */
        BAD_SIGNATURE,
        /** Correctly signed, but not Meta's webhook format. */
        MALFORMED
    }

    private final Reason reason;

    public WebhookRejected(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
