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
        String trimmed = text.trim();
        UUID id;
        try {
            id = UUID.fromString(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not a UUID: " + text);
        }
        // UUID.fromString also takes short or signed groups ("1-2-3-4-5", "+1-2-3-4-5"); one id, one spelling.
        if (!id.toString().equalsIgnoreCase(trimmed)) {
            throw new IllegalArgumentException(what + " is not a UUID: " + text);
        }
        return id;
    }
}
