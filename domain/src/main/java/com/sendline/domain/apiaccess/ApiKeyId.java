package com.sendline.domain.apiaccess;

import com.sendline.domain.tenancy.Ids;

import java.util.Objects;
import java.util.UUID;

/** Identity of an API key (not the key itself, which is a secret). */
public record ApiKeyId(UUID value) {
    public ApiKeyId {
        Objects.requireNonNull(value, "api key id");
    }

    public static ApiKeyId random() {
        return new ApiKeyId(UUID.randomUUID());
    }

    public static ApiKeyId parse(String text) {
        return new ApiKeyId(Ids.parse(text, "api key id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
