package com.sendline.domain.contacts;

import com.sendline.domain.tenancy.Ids;

import java.util.Objects;
import java.util.UUID;

/** Identity of a contact. */
public record ContactId(UUID value) {
    public ContactId {
        Objects.requireNonNull(value, "contact id");
    }

    public static ContactId random() {
        return new ContactId(UUID.randomUUID());
    }

    public static ContactId parse(String text) {
        return new ContactId(Ids.parse(text, "contact id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
