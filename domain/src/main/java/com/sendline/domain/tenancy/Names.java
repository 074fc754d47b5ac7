package com.sendline.domain.tenancy;

/** The rule every human-facing name follows: trimmed, not empty, at most 120 characters. */
public final class Names {
    private Names() {
    }

    public static String required(String name, String what) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException(what + " is required");
        }
        String trimmed = name.strip();
        if (trimmed.length() > 120) {
            throw new IllegalArgumentException(what + " must be at most 120 characters");
        }
        return trimmed;
    }
}
