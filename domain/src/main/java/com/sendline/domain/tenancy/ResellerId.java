package com.sendline.domain.tenancy;

import java.util.Objects;
import java.util.UUID;

/** Identity of a reseller: the white-label partner that sells Sendline under its own brand. */
public record ResellerId(UUID value) {
    public ResellerId {
        Objects.requireNonNull(value, "reseller id");
    }

    public static ResellerId random() {
        return new ResellerId(UUID.randomUUID());
    }

    public static ResellerId parse(String text) {
        return new ResellerId(Ids.parse(text, "reseller id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
