package com.sendline.domain.tenancy;

import java.util.Objects;

/** A password after a slow key-derivation function: the only form a password is ever kept in. */
public record PasswordHash(String encoded) {
    public PasswordHash {
        Objects.requireNonNull(encoded, "password hash");
        if (encoded.isBlank()) {
            throw new IllegalArgumentException("password hash is empty");
        }
    }

    @Override
    public String toString() {
        return "PasswordHash[redacted]";
    }
}
