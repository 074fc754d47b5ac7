package com.sendline.application.recurring;

/**
 * A recurring schedule cannot be created as asked; {@link #field()} names what to fix ({@code to}, {@code body},
 * {@code rule}, {@code timeZone}). Still an {@link IllegalArgumentException}, as before fields were named.
 */
public final class InvalidSchedule extends IllegalArgumentException {
    private final String field;

    public InvalidSchedule(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
