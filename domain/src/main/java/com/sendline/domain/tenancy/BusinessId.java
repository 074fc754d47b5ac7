package com.sendline.domain.tenancy;

import java.util.Objects;
import java.util.UUID;

/** Identity of a business: business: the reseller's customer that owns devices, contacts and messages. */
public record BusinessId(UUID value) {
    public BusinessId {
        Objects.requireNonNull(value, "business id");
    }

    public static BusinessId random() {
        return new BusinessId(UUID.randomUUID());
    }

    public static BusinessId parse(String text) {
        return new BusinessId(Ids.parse(text, "business id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
