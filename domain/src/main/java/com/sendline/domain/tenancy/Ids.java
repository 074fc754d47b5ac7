package com.sendline.domain.tenancy;

import java.util.UUID;

/** Parsing shared by the identity types, so every id refuses garbage with the same message. */
public final class Ids {
    private Ids() {
    }

    public static UUID parse(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a UUID: " + text);
        }
    }
}
