package com.sendline.domain.apiaccess;

import java.util.Objects;

/**
 * A client's {@code Idempotency-Key}: any printable ASCII string of 1–255 characters (a UUID is the usual choice),
 * unique per API key. Retrying a POST with the same key gets the first answer instead of a second resource.
 */
public record IdempotencyKey(ApiKeyId apiKey, String value) {
    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        Objects.requireNonNull(apiKey, "api key");
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            throw new IllegalArgumentException("Idempotency-Key must be 1–" + MAX_LENGTH
                    + " printable ASCII characters without spaces");
        }
    }
}
