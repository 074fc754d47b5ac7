package com.sendline.domain.webhook;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The key a subscription's deliveries are signed with: {@code whsec_} and 32 random bytes. Unlike an API key it is
 * kept whole (signing needs it, a hash would not do); {@link #toString()} never shows it.
 */
public final class WebhookSecret {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "whsec_";
    private final String value;

    private WebhookSecret(String value) {
        this.value = value;
    }

    public static WebhookSecret generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return new WebhookSecret(PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** A secret read back from storage. */
    public static WebhookSecret of(String value) {
        Objects.requireNonNull(value, "webhook secret");
        if (!value.startsWith(PREFIX) || value.length() < PREFIX.length() + 16) {
            throw new IllegalArgumentException("not a webhook secret");
        }
        return new WebhookSecret(value);
    }

    /** The whole secret: to sign with, and to show its owner once. */
    public String reveal() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WebhookSecret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "WebhookSecret[whsec_…]";
    }
}
