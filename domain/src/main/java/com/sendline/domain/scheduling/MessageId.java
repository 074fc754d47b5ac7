package com.sendline.domain.scheduling;

import com.sendline.domain.tenancy.Ids;

import java.util.Objects;
import java.util.UUID;

/** Identity of a scheduled message. */
public record MessageId(UUID value) {
    public MessageId {
        Objects.requireNonNull(value, "message id");
    }

    public static MessageId random() {
        return new MessageId(UUID.randomUUID());
    }

    public static MessageId parse(String text) {
        return new MessageId(Ids.parse(text, "message id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
