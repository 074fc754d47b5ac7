package com.sendline.domain.tenancy;

import java.util.Objects;
import java.util.UUID;

/** Identity of a person who signs in: operator, reseller admin or business user. */
public record UserId(UUID value) {
    public UserId {
        Objects.requireNonNull(value, "user id");
    }

    public static UserId random() {
        return new UserId(UUID.randomUUID());
    }

    public static UserId parse(String text) {
        return new UserId(Ids.parse(text, "user id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
