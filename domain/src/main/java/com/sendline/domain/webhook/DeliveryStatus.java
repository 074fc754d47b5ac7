package com.sendline.domain.webhook;

import java.util.Locale;

/**
 * Where a delivery is: PENDING (not tried yet, or being tried), DELIVERED (the receiver answered 2xx), FAILED (the
 * last try failed; another is scheduled), DEAD (every try failed; kept, and re-deliverable by hand).
 */
public enum DeliveryStatus {
    PENDING,
    DELIVERED,
    FAILED,
    DEAD;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DeliveryStatus fromLabel(String label) {
        return valueOf(label.toUpperCase(Locale.ROOT));
    }
}
